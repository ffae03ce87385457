/**
 * A scripted loopback server for fault tests and the demo: plain JDK sockets, no Netty.
 *
 * <pre>{@code
 * try (ScriptedServer server = ScriptedServer.start(Mode.PLAIN, conv -> {
 *         conv.send("220 test ESMTP");
 *         conv.expect("EHLO");
 *         conv.send("250-test");
 *         conv.send("250 STARTTLS");
 *         conv.expect("STARTTLS");
 *         conv.send("220 go ahead");
 *         conv.startTls();                  // presents TestCertificate.localhost()
 *         conv.expect("EHLO");
 *         conv.dribble("250 slow\r\n", Duration.ofMillis(20));
 *         conv.expect("QUIT");
 *         conv.send("221 bye");
 *     })) {
 *     // point the client at server.host():server.port(), trusting TestCertificate.caPemFile()
 *     assertThat(server.scriptFailures()).isEmpty();
 * }
 * }</pre>
 *
 * <p>Wire text is UTF-8 both ways. Threads are named {@code ixp-testkit-<port>-accept} and
 * {@code ixp-testkit-<port>-conn-<index>}. Keystores use password
 * {@value org.ixp.testkit.TestCertificate#PASSWORD}; {@code make-certs.sh} in the resources
 * remakes them.
 */
package org.ixp.testkit;
