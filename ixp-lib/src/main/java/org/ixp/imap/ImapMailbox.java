package org.ixp.imap;

import java.util.List;

/**
 * What SELECT or EXAMINE reported about the mailbox. {@code null} fields were not sent.
 *
 * @param name           the mailbox name as given
 * @param exists         EXISTS
 * @param recent         RECENT (IMAP4rev1 only)
 * @param unseen         the sequence number of the first unseen message (IMAP4rev1 UNSEEN code)
 * @param uidValidity    UIDVALIDITY
 * @param uidNext        UIDNEXT
 * @param highestModSeq  HIGHESTMODSEQ (CONDSTORE)
 * @param flags          FLAGS
 * @param permanentFlags PERMANENTFLAGS
 * @param readWrite      true for READ-WRITE, false for READ-ONLY
 */
public record ImapMailbox(String name, Long exists, Long recent, Long unseen, Long uidValidity, Long uidNext,
        Long highestModSeq, List<String> flags, List<String> permanentFlags, boolean readWrite) {
}
