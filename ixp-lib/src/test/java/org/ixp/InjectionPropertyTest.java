package org.ixp;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every command builder of every protocol, driven with hostile strings: whatever CR, LF or NUL is put into any
 * String argument, no command line comes out that contains one — the builder refuses with an IxpException (before
 * any byte is sent) or encodes it away (RFC 3461 xtext, modified UTF-7). Builders are found by reflection, so a new
 * one is covered without touching this test.
 */
class InjectionPropertyTest {
    private static final String[] BUILDERS = {"org.ixp.smtp.SmtpCommands", "org.ixp.pop3.Pop3Commands",
            "org.ixp.nntp.NntpCommands", "org.ixp.imap.ImapQuoting", "org.ixp.imap.ImapArguments"};
    private static final String[] BAD = {"\r", "\n", "\0", "\r\n", "\r\nQUIT\r\n"};

    @Test
    void everyStringArgumentOfEveryBuilderRefusesCrLfAndNul() throws Exception {
        Random random = new Random(20261124);
        List<String> checked = new ArrayList<>();
        List<String> leaks = new ArrayList<>();
        for (String cls : BUILDERS) {
            for (Method m : Class.forName(cls).getDeclaredMethods()) {
                if (!Modifier.isStatic(m.getModifiers()) || m.isSynthetic()) {
                    continue;
                }
                Class<?>[] types = m.getParameterTypes();
                java.lang.reflect.Type[] generic = m.getGenericParameterTypes();
                for (int p = 0; p < types.length; p++) {
                    boolean stringList = generic[p] instanceof java.lang.reflect.ParameterizedType pt
                            && java.util.Collection.class.isAssignableFrom(types[p])
                            && pt.getActualTypeArguments()[0] == String.class;
                    if (types[p] != String.class && !stringList) {
                        continue;
                    }
                    m.setAccessible(true);
                    checked.add(cls.substring(cls.lastIndexOf('.') + 1) + "." + m.getName() + "#" + p);
                    for (int trial = 0; trial < 40; trial++) {
                        Object[] args = benign(types);
                        String base = "valid-" + trial + "@example.com";
                        int at = random.nextInt(base.length() + 1);
                        String hostile = base.substring(0, at) + BAD[trial % BAD.length] + base.substring(at);
                        args[p] = stringList ? List.of("benign", hostile) : hostile;
                        Object result = invoke(m, args);
                        boolean refused = result instanceof IxpException;
                        boolean neutralised = result instanceof String out && out.chars().noneMatch(
                                c -> c == '\r' || c == '\n' || c == 0);
                        if (!refused && !neutralised) {
                            leaks.add(m.getName() + " arg " + p + " accepted " + show(String.valueOf(args[p])) + " -> "
                                    + show(String.valueOf(result)));
                            break;
                        }
                    }
                }
            }
        }
        assertThat(checked).as("builders found").hasSizeGreaterThan(20);
        assertThat(leaks).as("builders that let CR/LF/NUL through (of %d checked: %s)", checked.size(), checked)
                .isEmpty();
    }

    private static Object invoke(Method m, Object[] args) throws IllegalAccessException {
        try {
            return m.invoke(null, args);
        } catch (InvocationTargetException e) {
            return e.getCause();
        }
    }

    private static Object[] benign(Class<?>[] types) {
        Object[] a = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            Class<?> t = types[i];
            if (t == String.class) {
                a[i] = "benign";
            } else if (t == int.class || t == Integer.class) {
                a[i] = 1;
            } else if (t == long.class || t == Long.class) {
                a[i] = 1L;
            } else if (t == boolean.class || t == Boolean.class) {
                a[i] = false;
            } else if (t == List.class || t == java.util.Collection.class) {
                a[i] = List.of();
            } else if (t == Secret.class) {
                a[i] = Secret.of("pw");
            } else {
                a[i] = null;
            }
        }
        return a;
    }

    private static String show(String s) {
        return s.replace("\r", "\\r").replace("\n", "\\n").replace("\0", "\\0");
    }
}
