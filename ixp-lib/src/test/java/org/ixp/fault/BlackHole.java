package org.ixp.fault;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * A loopback port where TCP connect never completes: a listener that never accepts, its accept queue filled, so the
 * kernel drops further SYNs (Linux) and the client's connect waits. Only 127.0.0.1 is involved.
 */
final class BlackHole implements AutoCloseable {
    private final ServerSocket listener;
    private final List<Socket> fillers = new ArrayList<>();

    BlackHole() throws IOException {
        listener = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
        for (int i = 0; i < 16; i++) {
            Socket s = new Socket();
            try {
                s.connect(new InetSocketAddress("127.0.0.1", listener.getLocalPort()), 200);
                fillers.add(s);
            } catch (SocketTimeoutException full) {
                s.close();
                return; // the queue is full: connects now hang
            }
        }
        close();
        throw new IllegalStateException("the accept queue never filled: cannot make a silent connect here");
    }

    int port() {
        return listener.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        for (Socket s : fillers) {
            s.close();
        }
        listener.close();
    }
}
