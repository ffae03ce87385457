package org.ixp.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Unit tests of {@link ModifiedUtf7}: RFC 3501 §5.1.3's examples, the names, and strictness. */
class ModifiedUtf7Test {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Entwürfe|Entw&APw-rfe",
        "Απεσταλμένα|&A5EDwAO1A8MDxAOxA7sDvAOtA70DsQ-",
        "A&B|A&-B",
        "日本語/子|&ZeVnLIqe-/&W1A-",
        "~peter/mail/台北/日本語|~peter/mail/&U,BTFw-/&ZeVnLIqe-",
        "台北日本語|&U,BTF2XlZyyKng-",
        "☺!|&Jjo-!",
        "📧 Mail|&2D3c5w- Mail",
        "INBOX|INBOX",
        "&|&-",
        "&&|&-&-",
        "a-b&-c|a-b&--c",
    })
    void roundTrips(String name, String encoded) {
        assertThat(ModifiedUtf7.encode(name)).isEqualTo(encoded);
        assertThat(ModifiedUtf7.decode(encoded)).isEqualTo(name);
    }

    @Test
    void emptyAndControlCharacters() {
        assertThat(ModifiedUtf7.encode("")).isEmpty();
        assertThat(ModifiedUtf7.decode("")).isEmpty();
        assertThat(ModifiedUtf7.encode("a\tb")).isEqualTo("a&AAk-b");
        assertThat(ModifiedUtf7.decode("a&AAk-b")).isEqualTo("a\tb");
    }

    /** RFC 3501's invalid examples and the other non-canonical forms are refused (then kept verbatim). */
    @ParameterizedTest
    @ValueSource(strings = {
        "&Jjo!",                // no shift back to US-ASCII before "!"
        "&U,BTFw-&ZeVnLIqe-",   // superfluous shift
        "&AGE-",                // "a" encoded: printable ASCII must represent itself
        "&ACY-",                // "&" encoded
        "&ZeVn",                // run not closed
        "&Ze!n-",               // not modified BASE64
        "&ZeV/LIqe-",           // "/" is "," in modified BASE64
        "&APx-",                // bits left over that are not zero
        "&APwA-",               // a sextet too many
        "&2D0-",                // high surrogate alone
        "&3OdkAA-",             // low surrogate first
        "Entwürfe",             // not 7-bit
        "a\tb",                 // control character not encoded
    })
    void nonCanonicalFormsAreRefused(String encoded) {
        assertThat(ModifiedUtf7.decodeOrNull(encoded)).isNull();
        assertThatThrownBy(() -> ModifiedUtf7.decode(encoded)).isInstanceOf(IllegalArgumentException.class);
        assertThat(MailboxParser.decodeName(encoded, false)).as("verbatim").isEqualTo(encoded);
    }

    @Test
    void unpairedSurrogateCannotBeEncoded() {
        assertThatThrownBy(() -> ModifiedUtf7.encode("a\uD83Db")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ModifiedUtf7.encode("\uDCE7")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void randomStringsRoundTrip() {
        Random random = new Random(3501);
        for (int round = 0; round < 5_000; round++) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(20);
            for (int i = 0; i < n; i++) {
                int kind = random.nextInt(4);
                int cp = kind == 0 ? 0x20 + random.nextInt(95) : kind == 1 ? '&'
                        : kind == 2 ? 0x80 + random.nextInt(0xD000) : 0x10000 + random.nextInt(0x10000);
                sb.appendCodePoint(cp);
            }
            String s = sb.toString();
            String encoded = ModifiedUtf7.encode(s);
            assertThat(encoded.chars()).allMatch(c -> c >= 0x20 && c <= 0x7e);
            assertThat(ModifiedUtf7.decode(encoded)).isEqualTo(s);
        }
    }
}
