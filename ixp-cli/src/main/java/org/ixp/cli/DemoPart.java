package org.ixp.cli;

/** One part of {@code ixp demo}: a heading, then a walkthrough printed for a human as it happens. */
interface DemoPart {

    /** The heading, e.g. "SMTP: connect with STARTTLS and AUTH, then Disconnect". */
    String title();

    /**
     * Runs the part on loopback servers only, printing one line per event.
     *
     * @throws org.ixp.IxpException when the library fails
     * @throws Exception            when the embedded server misbehaved (a bug in the demo)
     */
    void run(Console console) throws Exception;
}
