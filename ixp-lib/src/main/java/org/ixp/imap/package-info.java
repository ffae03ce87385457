/**
 * IMAP (RFC 9051 IMAP4rev2 and RFC 3501 IMAP4rev1). This landing holds the sans-I/O core: {@link
 * org.ixp.imap.ImapDecoder} turns server bytes into typed {@link org.ixp.imap.ImapEvent}s, streaming message bodies
 * as parts; {@link org.ixp.imap.ModifiedUtf7}, {@link org.ixp.imap.ImapFlags}, {@link org.ixp.imap.RangeList} and
 * {@link org.ixp.imap.ImapQuoting} are the pure helpers the session and commands build on.
 */
package org.ixp.imap;
