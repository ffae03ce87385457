package org.ixp.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** What one message is: bytes in memory (the small-message workloads) or a file streamed from disk (100 MB). */
final class Payload {
    private final byte[] bytes;
    private final Path file;
    private final long size;

    private Payload(byte[] bytes, Path file, long size) {
        this.bytes = bytes;
        this.file = file;
        this.size = size;
    }

    static Payload inMemory(int size) {
        return new Payload(Messages.bytes(size), null, size);
    }

    static Payload file(Path file) throws IOException {
        return new Payload(null, file, Files.size(file));
    }

    long size() {
        return size;
    }

    /** The bytes, or null for a file payload. */
    byte[] bytes() {
        return bytes;
    }

    /** The file, or null for an in-memory payload. */
    Path file() {
        return file;
    }

    InputStream open() throws IOException {
        return bytes != null ? new ByteArrayInputStream(bytes) : Files.newInputStream(file);
    }

    @Override
    public String toString() {
        return bytes != null ? size + " bytes in memory" : file + " (" + size + " bytes)";
    }
}
