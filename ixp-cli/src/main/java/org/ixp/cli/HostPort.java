package org.ixp.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The {@code --server} value: {@code HOST}, {@code HOST:PORT}, {@code [IPV6]}, {@code [IPV6]:PORT}, or a bare
 * IPv6 literal (more than one colon, no port). Port 0 means the protocol's default for the chosen security.
 */
record HostPort(String host, int port) {

    static HostPort parse(String text) {
        String s = text == null ? "" : text.trim();
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw invalid(text, "missing ']'");
            }
            String host = s.substring(1, close);
            String rest = s.substring(close + 1);
            if (rest.isEmpty()) {
                return of(text, host, 0);
            }
            if (!rest.startsWith(":")) {
                throw invalid(text, "expected ':PORT' after ']'");
            }
            return of(text, host, port(text, rest.substring(1)));
        }
        int colon = s.indexOf(':');
        if (colon < 0 || s.indexOf(':', colon + 1) >= 0) {
            return of(text, s, 0); // a name, an IPv4 address, or a bare IPv6 literal
        }
        return of(text, s.substring(0, colon), port(text, s.substring(colon + 1)));
    }

    private static HostPort of(String text, String host, int port) {
        if (host.isEmpty()) {
            throw invalid(text, "the host is missing");
        }
        return new HostPort(host, port);
    }

    private static int port(String text, String digits) {
        if (digits.isEmpty() || digits.length() > 5 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw invalid(text, "the port must be a number from 1 to 65535");
        }
        int port = Integer.parseInt(digits);
        if (port < 1 || port > 65535) {
            throw invalid(text, "the port must be a number from 1 to 65535");
        }
        return port;
    }

    private static TypeConversionException invalid(String text, String why) {
        return new TypeConversionException("'" + text + "' is not HOST[:PORT]: " + why);
    }

    /** picocli's converter for {@code --server}. */
    static final class Converter implements ITypeConverter<HostPort> {
        @Override
        public HostPort convert(String value) {
            return parse(value);
        }
    }
}
