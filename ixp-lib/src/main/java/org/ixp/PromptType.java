package org.ixp;

/** The buttons of an {@link TransportCallback#onPrompt} question (the MessageBox {@code MB_*} types it stands for). */
public enum PromptType {
    OK, OK_CANCEL, YES_NO, YES_NO_CANCEL
}
