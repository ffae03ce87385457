package org.ixp.fault;

import java.util.function.Predicate;
import org.ixp.testkit.Conversation;

/** The well-behaved part of a misbehaving server: greet, answer normally, stop where the fault begins. */
final class Serve {
    private Serve() {
    }

    static void greet(Dialect d, Conversation c) {
        c.send(d.greeting());
    }

    /**
     * Answers every line normally until one satisfies {@code until}, which is returned unanswered.
     *
     * @return the line, or null if the client closed or said goodbye first
     */
    static String until(Dialect d, Conversation c, boolean offerTls, Predicate<String> until) {
        while (true) {
            String line = c.readLine();
            if (line == null) {
                return null;
            }
            if (until.test(line)) {
                return line;
            }
            if (!d.answer(c, line, offerTls)) {
                return null;
            }
        }
    }

    /** Answers everything normally until the goodbye (answered) or the client's close. */
    static void toEnd(Dialect d, Conversation c, boolean offerTls) {
        until(d, c, offerTls, l -> false);
    }

    /** Greets and serves the whole session normally. */
    static void session(Dialect d, Conversation c, boolean offerTls) {
        greet(d, c);
        toEnd(d, c, offerTls);
    }
}
