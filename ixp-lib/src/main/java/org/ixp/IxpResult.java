package org.ixp;

import java.util.Objects;

/**
 * IXPRESULT: the outcome of a transport operation.
 *
 * @param code         the result ({@code hrResult})
 * @param response     the server's last response text, or {@code null} ({@code pszResponse})
 * @param serverError  the server's reply code (SMTP/NNTP number), or 0 ({@code uiServerError})
 * @param socketError  the socket-level error text, or {@code null} ({@code dwSocketError})
 * @param problem      ixp's own explanation, or {@code null} ({@code pszProblem})
 */
public record IxpResult(IxpCode code, String response, int serverError, String socketError, String problem) {

    public IxpResult {
        Objects.requireNonNull(code, "code");
    }

    public static IxpResult ok() {
        return new IxpResult(IxpCode.S_OK, null, 0, null, null);
    }

    public static IxpResult of(IxpCode code, String problem) {
        return new IxpResult(code, null, 0, null, problem);
    }

    public static IxpResult ofResponse(IxpCode code, String response, int serverError, String problem) {
        return new IxpResult(code, response, serverError, null, problem);
    }

    public static IxpResult ofSocket(IxpCode code, String socketError, String problem) {
        return new IxpResult(code, null, 0, socketError, problem);
    }

    public boolean succeeded() {
        return code.succeeded();
    }

    /** One line for people: {@code IXP_E_NAME (0x800CCCxx): problem [server: response]}. */
    public String describe() {
        StringBuilder sb = new StringBuilder(code.describe());
        String text = problem != null ? problem : code.meaning();
        sb.append(": ").append(text);
        if (response != null && !response.isEmpty()) {
            sb.append(" [server: ").append(response).append(']');
        }
        if (socketError != null && !socketError.isEmpty()) {
            sb.append(" [socket: ").append(socketError).append(']');
        }
        return sb.toString();
    }
}
