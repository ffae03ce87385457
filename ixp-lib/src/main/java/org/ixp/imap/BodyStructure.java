package org.ixp.imap;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The MIME structure of a message from FETCH BODYSTRUCTURE (with extension data) or BODY (without), RFC 9051
 * §7.5.2: a tree of {@link Part}s and {@link Multipart}s. Strings are as sent, {@code null} for NIL. Parameter
 * names are lower-cased (MIME names are case-insensitive), values kept as sent.
 */
public sealed interface BodyStructure permits BodyStructure.Part, BodyStructure.Multipart {

    /** {@code type/subtype} in lower case, e.g. {@code text/plain}, {@code multipart/mixed}. */
    String mimeType();

    /** Extension data, or {@code null} when the server sent none (FETCH BODY). */
    Extension extension();

    /**
     * A leaf part.
     *
     * @param type        media type, e.g. {@code TEXT}
     * @param subtype     media subtype, e.g. {@code PLAIN}
     * @param params      body parameters ({@code charset}, {@code name}, …)
     * @param id          Content-ID
     * @param description Content-Description
     * @param encoding    Content-Transfer-Encoding
     * @param size        size in octets of the encoded body (64-bit, never truncated)
     * @param lines       size in lines (text and message/rfc822 parts), or {@code null}
     * @param envelope    the envelope of an attached message (message/rfc822, message/global), or {@code null}
     * @param message     the structure of an attached message, or {@code null}
     * @param extension   extension data, or {@code null}
     */
    record Part(String type, String subtype, Map<String, String> params, String id, String description,
            String encoding, long size, Long lines, Envelope envelope, BodyStructure message, Extension extension)
            implements BodyStructure {
        public Part {
            params = Map.copyOf(params);
        }

        @Override
        public String mimeType() {
            return (String.valueOf(type) + "/" + subtype).toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A multipart body.
     *
     * @param parts     the body parts, in order (part numbers 1, 2, …)
     * @param subtype   the multipart subtype, e.g. {@code MIXED}
     * @param extension extension data (its {@code params} hold e.g. the boundary), or {@code null}
     */
    record Multipart(List<BodyStructure> parts, String subtype, Extension extension) implements BodyStructure {
        public Multipart {
            parts = List.copyOf(parts);
        }

        @Override
        public String mimeType() {
            return ("multipart/" + subtype).toLowerCase(Locale.ROOT);
        }
    }

    /**
     * BODYSTRUCTURE extension data. Fields the server left out are {@code null} (lists and maps: empty).
     *
     * @param params      multipart only: the body parameters (boundary, …)
     * @param md5         single part only: Content-MD5
     * @param disposition Content-Disposition, or {@code null}
     * @param language    Content-Language values
     * @param location    Content-Location
     * @param more        further extension data, kept raw
     */
    record Extension(Map<String, String> params, String md5, Disposition disposition, List<String> language,
            String location, List<ImapValue> more) {
        public Extension {
            params = Map.copyOf(params);
            language = List.copyOf(language);
            more = List.copyOf(more);
        }
    }

    /**
     * Content-Disposition: {@code inline} or {@code attachment} with its parameters ({@code filename}, …).
     *
     * @param type   the disposition type as sent
     * @param params its parameters, names lower-cased
     */
    record Disposition(String type, Map<String, String> params) {
        public Disposition {
            params = Map.copyOf(params);
        }
    }
}
