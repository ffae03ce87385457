/**
 * SASL client mechanisms for the transports' AUTH commands: SCRAM (ongres scram-client), PLAIN, CRAM-MD5
 * and NTLM (the JDK's {@code SunSASL} provider), and LOGIN, OAUTHBEARER and XOAUTH2 (written here).
 * Start at {@link org.ixp.sasl.SaslMechanisms}; each exchange is a {@link org.ixp.sasl.SaslMechanism}
 * working on raw bytes, which the transport base64-encodes on the wire.
 */
package org.ixp.sasl;
