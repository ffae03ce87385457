package org.ixp.cli;

import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.ixp.Security;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --tls implicit|starttls|none} (case-insensitive) as the library's {@link Security}. */
final class TlsModeConverter implements ITypeConverter<Security> {

    @Override
    public Security convert(String value) {
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "implicit":
                return Security.IMPLICIT_TLS;
            case "starttls":
                return Security.STARTTLS;
            case "none":
                return Security.NONE;
            default:
                throw new TypeConversionException("'" + value + "' is not one of implicit, starttls, none");
        }
    }

    /** The values for help and shell completion. */
    static final class Candidates implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("implicit", "starttls", "none").iterator();
        }
    }
}
