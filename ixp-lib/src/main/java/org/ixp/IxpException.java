package org.ixp;

/**
 * Every ixp failure: an {@link IxpCode} plus the {@link IxpResult} with the server's words.
 * Messages never contain credentials.
 */
public class IxpException extends RuntimeException {
    private final IxpResult result;

    public IxpException(IxpResult result) {
        super(result.describe());
        this.result = result;
    }

    public IxpException(IxpResult result, Throwable cause) {
        super(result.describe(), cause);
        this.result = result;
    }

    public IxpException(IxpCode code, String problem) {
        this(IxpResult.of(code, problem));
    }

    public IxpCode code() {
        return result.code();
    }

    public IxpResult result() {
        return result;
    }

    /** Unwraps {@code CompletionException}/{@code ExecutionException} chains to the IxpException inside, if any. */
    public static IxpException unwrap(Throwable t) {
        Throwable c = t;
        for (int i = 0; c != null && i < 10; i++) {
            if (c instanceof IxpException ie) {
                return ie;
            }
            c = c.getCause();
        }
        return new IxpException(IxpResult.of(IxpCode.E_UNEXPECTED, String.valueOf(t)), t);
    }
}
