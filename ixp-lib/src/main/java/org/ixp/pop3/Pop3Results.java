package org.ixp.pop3;

import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.IxpResult;

/**
 * Status lines to {@link IxpResult}s. {@code +OK} is S_OK. {@code -ERR} gets the code its RESP-CODE names
 * ({@code [IN-USE]}, {@code [LOGIN-DELAY]}, {@code [SYS/TEMP]}, {@code [SYS/PERM]}), else the code the command gives
 * ({@code [AUTH]} keeps the command's credential code). The server's line is the result's response text; POP3 has
 * no numeric reply codes, so {@code serverError} is 0.
 */
final class Pop3Results {
    private Pop3Results() {
    }

    static IxpResult ok(Pop3Reply reply) {
        return IxpResult.ofResponse(IxpCode.S_OK, reply.line(), 0, null);
    }

    /** The result of a reply: S_OK for {@code +OK}, else as {@link #failure}. */
    static IxpResult of(Pop3Reply reply, IxpCode otherwise, String problem) {
        return reply.ok() ? ok(reply) : failure(reply, otherwise, problem);
    }

    /** A {@code -ERR}: the RESP-CODE's code if it has one, else {@code otherwise}. */
    static IxpResult failure(Pop3Reply reply, IxpCode otherwise, String problem) {
        IxpCode code = otherwise;
        String rc = reply.respCode();
        if (rc != null) {
            switch (rc) {
                case "IN-USE" -> code = IxpCode.IXP_E_POP3_IN_USE;
                case "LOGIN-DELAY" -> code = IxpCode.IXP_E_POP3_LOGIN_DELAY;
                case "SYS/TEMP" -> code = IxpCode.IXP_E_POP3_SYS_TEMP;
                case "SYS/PERM" -> code = IxpCode.IXP_E_POP3_SYS_PERM;
                default -> code = otherwise;
            }
        }
        String why = problem == null ? code.meaning() : problem;
        if (code != otherwise) {
            why = why + ": " + code.meaning();
        }
        return IxpResult.ofResponse(code, reply.line(), 0, why);
    }

    static IxpException error(Pop3Reply reply, IxpCode otherwise, String problem) {
        return new IxpException(failure(reply, otherwise, problem));
    }
}
