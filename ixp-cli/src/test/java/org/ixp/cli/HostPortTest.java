package org.ixp.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class HostPortTest {

    @Test
    void hostAlone() {
        assertThat(HostPort.parse("mail.example.com")).isEqualTo(new HostPort("mail.example.com", 0));
    }

    @Test
    void hostAndPort() {
        assertThat(HostPort.parse("127.0.0.1:2525")).isEqualTo(new HostPort("127.0.0.1", 2525));
    }

    @Test
    void bracketedIpv6WithAndWithoutPort() {
        assertThat(HostPort.parse("[::1]:25")).isEqualTo(new HostPort("::1", 25));
        assertThat(HostPort.parse("[2001:db8::5]")).isEqualTo(new HostPort("2001:db8::5", 0));
    }

    @Test
    void bareIpv6HasNoPort() {
        assertThat(HostPort.parse("::1")).isEqualTo(new HostPort("::1", 0));
        assertThat(HostPort.parse("fe80::1:25")).isEqualTo(new HostPort("fe80::1:25", 0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ":25", "host:", "host:0", "host:65536", "host:2x5", "host:+25", "[::1", "[::1]25",
            "[]:25", "host:123456"})
    void refusesMalformed(String text) {
        assertThatThrownBy(() -> HostPort.parse(text)).isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("HOST[:PORT]");
    }
}
