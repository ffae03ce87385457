package org.ixp.pop3;

/** Where the {@code OutputStream} forms of RETR/TOP put each chunk, on the callback thread, before onResponse. */
@FunctionalInterface
interface Pop3Sink {
    void accept(Pop3Response response);
}
