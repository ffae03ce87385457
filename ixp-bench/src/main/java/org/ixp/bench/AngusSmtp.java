package org.ixp.bench;

import jakarta.mail.Address;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.SharedFileInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Properties;
import javax.net.SocketFactory;

/**
 * Eclipse Angus Mail (Jakarta Mail): one {@link Transport} per connection, connected once and reused for every
 * message ({@code Transport.sendMessage}, never the static {@code Transport.send}, which connects per message);
 * the message is parsed once into a {@link MimeMessage} and that same object is sent each time (no MIME building
 * in the loop; an unmodified parsed message is written out as it was read). The 100 MB message is a
 * {@code MimeMessage} over a {@link SharedFileInputStream}, so its content is streamed from the file, never loaded.
 *
 * <p>Tuned: {@code mail.smtp.socketFactory} is a factory whose sockets have TCP_NODELAY (Angus has no property for
 * it). Defaults: only host, port and the envelope sender are set.
 */
final class AngusSmtp extends SmtpDriver.Blocking {
    AngusSmtp(String host, int port, boolean tuned) {
        super(host, port, tuned);
    }

    @Override
    long run(Payload payload, int count) throws Exception {
        Properties p = new Properties();
        p.put("mail.smtp.host", host);
        p.put("mail.smtp.port", Integer.toString(port));
        p.put("mail.smtp.from", Messages.FROM);
        if (tuned) {
            p.put("mail.smtp.socketFactory", new NoDelaySocketFactory());
        }
        Session session = Session.getInstance(p);
        MimeMessage message = payload.bytes() != null
                ? new MimeMessage(session, new ByteArrayInputStream(payload.bytes()))
                : new MimeMessage(session, new SharedFileInputStream(payload.file().toFile()));
        Address[] to = {new InternetAddress(Messages.TO)};
        Transport t = session.getTransport("smtp");
        t.connect();
        try {
            for (int i = 0; i < count; i++) {
                t.sendMessage(message, to);
            }
        } finally {
            t.close();
        }
        return payload.size() * count;
    }

    /** Plain sockets with TCP_NODELAY on. */
    static final class NoDelaySocketFactory extends SocketFactory {
        private static Socket noDelay(Socket s) throws IOException {
            s.setTcpNoDelay(true);
            return s;
        }

        @Override
        public Socket createSocket() throws IOException {
            return noDelay(new Socket());
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return noDelay(new Socket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return noDelay(new Socket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return noDelay(new Socket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return noDelay(new Socket(address, port, localAddress, localPort));
        }
    }
}
