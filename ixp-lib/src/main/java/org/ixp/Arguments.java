package org.ixp;

/** Checks on user-supplied arguments, made before any byte is sent. */
public final class Arguments {
    private Arguments() {
    }

    /**
     * Refuses a value containing CR, LF or NUL: such a value would let its author inject protocol commands.
     *
     * @throws IxpException E_INVALIDARG naming the argument (never echoing a secret)
     */
    public static String requireSafe(String what, String value) {
        if (value != null && firstUnsafe(value) >= 0) {
            throw new IxpException(IxpCode.E_INVALIDARG,
                    what + " contains CR, LF or NUL at index " + firstUnsafe(value) + ": refused before sending");
        }
        return value;
    }

    /** As {@link #requireSafe} for a secret: the message names the argument, never the value. */
    public static void requireSafeSecret(String what, Secret secret) {
        String v = secret.reveal();
        if (firstUnsafe(v) >= 0) {
            throw new IxpException(IxpCode.E_INVALIDARG, what + " contains CR, LF or NUL: refused before sending");
        }
    }

    /** Index of the first CR, LF or NUL, or -1. */
    public static int firstUnsafe(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r' || c == '\n' || c == '\0') {
                return i;
            }
        }
        return -1;
    }
}
