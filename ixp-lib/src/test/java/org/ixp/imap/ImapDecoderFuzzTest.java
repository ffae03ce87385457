package org.ixp.imap;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.Limits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes {@link ImapDecoder} with mutated real-world responses cut at random places: whatever arrives, it either
 * yields events (all input consumed, body chunks well formed) or fails with IXP_E_RESPONSE_TOO_LARGE or
 * IXP_E_PROTOCOL_ERROR, never with any other exception, never hanging. Seeds are fixed: a failure reproduces.
 */
class ImapDecoderFuzzTest {
    private static final String[] CORPUS = {
        "* OK [CAPABILITY IMAP4rev1 SASL-IR ID ENABLE IDLE LITERAL+ AUTH=PLAIN] Dovecot ready.\r\n",
        "a1 OK [READ-WRITE] Select completed.\r\n",
        "* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft \\*)] Flags permitted.\r\n",
        "* 172 EXISTS\r\n* 1 RECENT\r\n* 4 EXPUNGE\r\n",
        "A003 OK [APPENDUID 38505 3955] APPEND completed\r\nA004 OK [COPYUID 38505 304,319:320 3956:3958] Done\r\n",
        "* LIST (\\HasNoChildren \\Sent) \"/\" \"[Gmail]/Sent Mail\"\r\n* LIST () NIL {5}\r\nInbox\r\n",
        "* LIST (\\Subscribed) \"/\" \"Foo\" (\"CHILDINFO\" (\"SUBSCRIBED\"))\r\n",
        "* STATUS blurdybloop (MESSAGES 231 UIDNEXT 44292 HIGHESTMODSEQ 7011231777)\r\n",
        "* SEARCH 2 5 6 (MODSEQ 917162500)\r\n* ESEARCH (TAG \"A283\") UID ALL 4:18,21 COUNT 3\r\n",
        "* NAMESPACE ((\"\" \"/\")) NIL ((\"#Public.\" \".\"))\r\n* ID (\"name\" \"Dovecot\")\r\n",
        "* QUOTAROOT INBOX \"\"\r\n* QUOTA \"\" (STORAGE 10 512)\r\n* VANISHED (EARLIER) 300:310\r\n",
        "+ Ready for literal data\r\n+ idling\r\n* BYE Logging out\r\n",
        "* 12 FETCH (FLAGS (\\Seen) INTERNALDATE \"17-Jul-1996 02:44:25 -0700\" RFC822.SIZE 4286 ENVELOPE "
                + "(\"Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\" \"IMAP4rev1 WG mtg\" ((\"Terry Gray\" NIL \"gray\" "
                + "\"cac.washington.edu\")) NIL NIL ((NIL NIL \"imap\" \"cac.washington.edu\")) ((NIL NIL \"team\" "
                + "NIL)(NIL NIL NIL NIL)) NIL NIL \"<B27397@cac>\") BODY (\"TEXT\" \"PLAIN\" (\"CHARSET\" "
                + "\"US-ASCII\") NIL NIL \"7BIT\" 3028 92))\r\n",
        "* 9 FETCH (BODYSTRUCTURE ((\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"qp\" 1315 42 NIL NIL NIL "
                + "NIL)(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 12 (NIL \"s\" NIL NIL NIL NIL NIL NIL NIL NIL) "
                + "(\"text\" \"plain\" NIL NIL NIL \"7bit\" 1 1) 3 NIL (\"attachment\" (\"filename\" \"a\")) \"en\" "
                + "NIL) \"mixed\" (\"boundary\" \"b1\") NIL NIL NIL))\r\n",
        "* 1 FETCH (UID 5 BODY[] {24}\r\nSubject: hi\r\n\r\nHello!\r\n FLAGS (\\Seen))\r\n",
        "* 2 FETCH (BODY[HEADER.FIELDS (SUBJECT)]<0> {3}\r\nabc BODY[1] \"q\\\"x\" BODY[2] NIL BINARY[1] ~{2}\r\n"
                + "\0\1 MODSEQ (5) EMAILID (M1) THREADID NIL)\r\n",
        "* 3 FETCH (X-GM-LABELS (\\Inbox \"Muy Importante\") ENVELOPE (NIL {0}\r\n NIL NIL NIL NIL NIL NIL NIL "
                + "NIL) UID 1)\r\n",
    };
    private static final byte[] INTERESTING = "(){}[]\"\\ \r\n09~+*<>%NIL\0\u00ff".getBytes(UTF_8);

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void mutatedResponsesNeverCrashTheDecoder() {
        Random random = new Random(20261124);
        for (int round = 0; round < 20_000; round++) {
            byte[] wire = mutate(random, corpus(random));
            Limits limits = random.nextBoolean() ? DecoderHarness.SMALL : new Limits(512, 64, 10);
            run(limits, cut(random, wire));
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void randomBytesNeverCrashTheDecoder() {
        Random random = new Random(7);
        for (int round = 0; round < 5_000; round++) {
            byte[] wire = new byte[random.nextInt(400)];
            for (int i = 0; i < wire.length; i++) {
                wire[i] = random.nextInt(3) == 0 ? INTERESTING[random.nextInt(INTERESTING.length)]
                        : (byte) (32 + random.nextInt(95));
            }
            run(DecoderHarness.SMALL, cut(random, wire));
        }
    }

    /** The unmutated corpus, fed whole, decodes without a single Malformed. */
    @Test
    void corpusIsWellFormed() {
        for (String sample : CORPUS) {
            List<ImapEvent> events = DecoderHarness.feed(DecoderHarness.ROOMY, List.of(sample.getBytes(UTF_8)));
            assertThat(events).as(sample).noneMatch(e -> e instanceof ImapEvent.Malformed
                    || e instanceof ImapEvent.Unknown);
            assertThat(events).as(sample).noneMatch(e -> e instanceof ImapEvent.Fetch f
                    && f.items().stream().anyMatch(i -> i instanceof FetchItem.Invalid));
        }
    }

    private static void run(Limits limits, List<byte[]> parts) {
        ImapDecoder decoder = new ImapDecoder(limits);
        ByteBuf buf = Unpooled.buffer();
        List<ImapEvent> events = new ArrayList<>();
        try {
            for (byte[] part : parts) {
                buf.writeBytes(part);
                ImapEvent e;
                while ((e = decoder.decode(buf)) != null) {
                    events.add(e);
                }
                buf.discardReadBytes();
            }
        } catch (IxpException e) {
            assertThat(e.code()).isIn(IxpCode.IXP_E_RESPONSE_TOO_LARGE, IxpCode.IXP_E_PROTOCOL_ERROR);
            return;
        } finally {
            buf.release();
        }
        DecoderHarness.mergeChunks(events);
        for (ImapEvent e : events) {
            assertThat(e.toString()).isNotNull(); // every record renders
        }
    }

    private static byte[] corpus(Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            out.writeBytes(CORPUS[random.nextInt(CORPUS.length)].getBytes(UTF_8));
        }
        return out.toByteArray();
    }

    private static byte[] mutate(Random random, byte[] wire) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int mutations = 1 + random.nextInt(4);
        int[] at = new int[mutations];
        for (int i = 0; i < mutations; i++) {
            at[i] = random.nextInt(wire.length);
        }
        java.util.Arrays.sort(at);
        int m = 0;
        for (int i = 0; i < wire.length; i++) {
            if (m < mutations && at[m] == i) {
                m++;
                switch (random.nextInt(5)) {
                    case 0: // replace
                        out.write(INTERESTING[random.nextInt(INTERESTING.length)]);
                        continue;
                    case 1: // delete
                        continue;
                    case 2: // insert
                        out.write(INTERESTING[random.nextInt(INTERESTING.length)]);
                        break;
                    case 3: // literal header
                        out.writeBytes(("{" + random.nextInt(40) + "}\r\n").getBytes(UTF_8));
                        break;
                    default: // deep nesting
                        out.writeBytes("(".repeat(random.nextInt(300)).getBytes(UTF_8));
                        break;
                }
            }
            out.write(wire[i]);
        }
        return out.toByteArray();
    }

    private static List<byte[]> cut(Random random, byte[] wire) {
        List<byte[]> parts = new ArrayList<>();
        int i = 0;
        while (i < wire.length) {
            int n = 1 + random.nextInt(Math.min(64, wire.length - i));
            parts.add(java.util.Arrays.copyOfRange(wire, i, i + n));
            i += n;
        }
        return parts;
    }
}
