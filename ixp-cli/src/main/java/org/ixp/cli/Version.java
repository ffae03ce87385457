package org.ixp.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code ixp --version}: the Maven project version, from a resource the build fills in. */
final class Version implements IVersionProvider {
    /** Used when the resource is missing or was not filtered (e.g. classes run straight from an IDE). */
    static final String FALLBACK = "0.1.0-SNAPSHOT";
    private static final String RESOURCE = "/org/ixp/cli/version.properties";

    @Override
    public String[] getVersion() {
        return new String[] {"ixp " + version()};
    }

    static String version() {
        try (InputStream in = Version.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return FALLBACK;
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "").trim();
            return v.isEmpty() || v.contains("${") ? FALLBACK : v;
        } catch (IOException e) {
            return FALLBACK;
        }
    }
}
