package org.ixp;

/** The answer to {@link TransportCallback#onPrompt} (IDOK, IDCANCEL, IDYES, IDNO). */
public enum PromptAnswer {
    OK(1), CANCEL(2), YES(6), NO(7);

    private final int id;

    PromptAnswer(int id) {
        this.id = id;
    }

    /** The MessageBox result value. */
    public int id() {
        return id;
    }

    public boolean accepts() {
        return this == OK || this == YES;
    }
}
