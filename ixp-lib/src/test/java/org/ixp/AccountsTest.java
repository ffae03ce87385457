package org.ixp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AccountsTest {
    private static final Function<String, String> NO_ENV = name -> null;

    @TempDir
    Path dir;

    private Accounts load(String properties) throws IOException {
        return load(properties, NO_ENV);
    }

    private Accounts load(String properties, Function<String, String> env) throws IOException {
        Path file = dir.resolve("accounts.properties");
        Files.writeString(file, properties, UTF_8);
        return Accounts.load(file, env);
    }

    private static IxpCode codeOf(Runnable r) {
        Throwable t = catchThrowable(r::run);
        assertThat(t).as("expected an IxpException").isInstanceOf(IxpException.class);
        return ((IxpException) t).code();
    }

    // ---------------------------------------------------------------- fields

    @Test
    void readsTheDocumentedExample() throws IOException {
        Accounts accounts = load("""
                work.server            = mail.example.com
                work.user              = alice
                work.password-env      = WORK_MAIL_PASSWORD   
                work.smtp.port         = 587
                work.imap.security     = implicit
                work.ca-file           = /etc/ssl/work-ca.pem
                work.timeout           = 45
                work.spa               = true
                work.allow-plaintext-auth = true
                """, Map.of("WORK_MAIL_PASSWORD", "s3cret!")::get);

        InetServer smtp = accounts.server("work", IxpType.SMTP);
        assertThat(smtp.account()).isEqualTo("work");
        assertThat(smtp.serverName()).isEqualTo("mail.example.com");
        assertThat(smtp.userName()).isEqualTo("alice");
        assertThat(smtp.password().reveal()).isEqualTo("s3cret!");
        assertThat(smtp.port()).isEqualTo(587);
        assertThat(smtp.security()).as("default").isEqualTo(Security.STARTTLS);
        assertThat(smtp.tls()).isEqualTo(TlsSettings.trusting(Path.of("/etc/ssl/work-ca.pem")));
        assertThat(smtp.timeouts().response()).isEqualTo(Duration.ofSeconds(45));
        assertThat(smtp.timeoutSeconds()).isEqualTo(45);
        assertThat(smtp.trySicily()).isTrue();
        assertThat(smtp.allowPlaintextAuth()).isTrue();

        InetServer imap = accounts.server("work", IxpType.IMAP);
        assertThat(imap.security()).isEqualTo(Security.IMPLICIT_TLS);
        assertThat(imap.port()).as("smtp.port applies only to SMTP").isZero();
        assertThat(imap.userName()).isEqualTo("alice");
    }

    @Test
    void perProtocolOverrideBeatsAccountWideField() throws IOException {
        Accounts accounts = load("""
                home.server = mail.example.net
                home.pop3.server = pop.example.net
                home.port = 2525
                home.smtp.port = 587
                home.user = account-wide
                home.imap.user = imap-only
                home.security = none
                home.nntp.security = implicit
                """);
        assertThat(accounts.server("home", IxpType.SMTP).port()).isEqualTo(587);
        assertThat(accounts.server("home", IxpType.IMAP).port()).isEqualTo(2525);
        assertThat(accounts.server("home", IxpType.POP3).serverName()).isEqualTo("pop.example.net");
        assertThat(accounts.server("home", IxpType.SMTP).serverName()).isEqualTo("mail.example.net");
        assertThat(accounts.server("home", IxpType.IMAP).userName()).isEqualTo("imap-only");
        assertThat(accounts.server("home", IxpType.SMTP).userName()).isEqualTo("account-wide");
        assertThat(accounts.server("home", IxpType.NNTP).security()).isEqualTo(Security.IMPLICIT_TLS);
        assertThat(accounts.server("home", IxpType.POP3).security()).isEqualTo(Security.NONE);
    }

    @Test
    void serverOnlyForOneProtocol() throws IOException {
        Accounts accounts = load("only.smtp.server = smtp.example.org\n");
        assertThat(accounts.server("only", IxpType.SMTP).serverName()).isEqualTo("smtp.example.org");
        assertThat(codeOf(() -> accounts.server("only", IxpType.IMAP))).isEqualTo(IxpCode.IXP_E_INVALID_ACCOUNT);
    }

    @Test
    void valuesAreTrimmed() throws IOException {
        Accounts accounts = load("t.server =   mail.example.com   \nt.port =  25  \nt.security =  NONE \n");
        InetServer s = accounts.server("t", IxpType.SMTP);
        assertThat(s.serverName()).isEqualTo("mail.example.com");
        assertThat(s.port()).isEqualTo(25);
        assertThat(s.security()).isEqualTo(Security.NONE);
    }

    // ---------------------------------------------------------------- passwords

    @Test
    void passwordComesFromTheNamedEnvironmentVariable() throws IOException {
        Map<String, String> env = Map.of("WORK_PW", "from-env", "OTHER_PW", "other");
        Accounts accounts = load("""
                work.server = mail.example.com
                work.password-env = WORK_PW
                work.imap.password-env = OTHER_PW
                """, env::get);
        assertThat(accounts.server("work", IxpType.SMTP).password().reveal()).isEqualTo("from-env");
        assertThat(accounts.server("work", IxpType.IMAP).password().reveal()).isEqualTo("other");
        assertThat(accounts.server("work", IxpType.SMTP).toString()).doesNotContain("from-env");
    }

    @Test
    void unsetEnvironmentVariableMeansNoPassword() throws IOException {
        Accounts accounts = load("work.server = mail.example.com\nwork.password-env = MISSING\n");
        InetServer s = accounts.server("work", IxpType.SMTP);
        assertThat(s.password()).isNull();
        assertThat(s.hasPassword()).isFalse();
    }

    @Test
    void aPasswordInTheFileItselfIsIgnored() throws IOException {
        Accounts accounts = load("work.server = mail.example.com\nwork.password = plain-in-file\n");
        assertThat(accounts.server("work", IxpType.SMTP).password()).isNull();
    }

    @Test
    void onlyTheNamedVariableIsLookedUp() throws IOException {
        StringBuilder asked = new StringBuilder();
        Accounts accounts = load("work.server = mail.example.com\nwork.password-env = PW\n", name -> {
            asked.append(name).append(';');
            return "x";
        });
        accounts.server("work", IxpType.SMTP);
        assertThat(asked.toString()).isEqualTo("PW;");
    }

    // ---------------------------------------------------------------- security

    @ParameterizedTest
    @CsvSource({"none, NONE", "NONE, NONE", "starttls, STARTTLS", "StartTLS, STARTTLS", "implicit, IMPLICIT_TLS",
            "IMPLICIT, IMPLICIT_TLS", "implicit-tls, IMPLICIT_TLS", "ssl, IMPLICIT_TLS", "tls, IMPLICIT_TLS"})
    void securityValues(String value, Security expected) throws IOException {
        Accounts accounts = load("a.server = h\na.security = " + value + "\n");
        assertThat(accounts.server("a", IxpType.SMTP).security()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "plain", "start-tls", "true", "implicit tls"})
    void badSecurityIsInvalidAccount(String value) throws IOException {
        Accounts accounts = load("a.server = h\na.security = " + value + "\n");
        assertThat(codeOf(() -> accounts.server("a", IxpType.SMTP))).isEqualTo(IxpCode.IXP_E_INVALID_ACCOUNT);
    }

    @Test
    void emptySecurityIsInvalidAccount() throws IOException {
        Accounts accounts = load("a.server = h\na.security =\n");
        assertThat(codeOf(() -> accounts.server("a", IxpType.SMTP))).isEqualTo(IxpCode.IXP_E_INVALID_ACCOUNT);
    }

    // ---------------------------------------------------------------- missing and bad accounts

    @Test
    void missingAccountIsInvalidAccount() throws IOException {
        Accounts accounts = load("work.server = mail.example.com\n");
        Throwable t = catchThrowable(() -> accounts.server("play", IxpType.SMTP));
        assertThat(t).isInstanceOf(IxpException.class);
        IxpException e = (IxpException) t;
        assertThat(e.code()).isEqualTo(IxpCode.IXP_E_INVALID_ACCOUNT);
        assertThat(e.code().hresult()).isEqualTo(0x800CCC16);
        assertThat(e.getMessage()).contains("play");
    }

    @Test
    void accountWithoutServerIsInvalidAccount() throws IOException {
        Accounts accounts = load("work.user = alice\nwork.port = 25\n");
        assertThat(codeOf(() -> accounts.server("work", IxpType.SMTP))).isEqualTo(IxpCode.IXP_E_INVALID_ACCOUNT);
    }

    @Test
    void accountNamesArePrefixesNotSubstrings() throws IOException {
        Accounts accounts = load("workplace.server = mail.example.com\n");
        assertThat(codeOf(() -> accounts.server("work", IxpType.SMTP))).isEqualTo(IxpCode.IXP_E_INVALID_ACCOUNT);
    }

    @Test
    void absentFileIsInvalidAccountForAnyAccount() {
        Accounts accounts = Accounts.load(dir.resolve("does-not-exist.properties"), NO_ENV);
        for (String name : new String[] {"work", "home", "x"}) {
            for (IxpType type : new IxpType[] {IxpType.SMTP, IxpType.POP3, IxpType.IMAP, IxpType.NNTP}) {
                assertThat(codeOf(() -> accounts.server(name, type))).isEqualTo(IxpCode.IXP_E_INVALID_ACCOUNT);
            }
        }
        Accounts none = Accounts.load(null, NO_ENV);
        assertThat(codeOf(() -> none.server("work", IxpType.SMTP))).isEqualTo(IxpCode.IXP_E_INVALID_ACCOUNT);
        Accounts directory = Accounts.load(dir, NO_ENV);
        assertThat(codeOf(() -> directory.server("work", IxpType.SMTP))).isEqualTo(IxpCode.IXP_E_INVALID_ACCOUNT);
    }

    @Test
    void blankAccountNameIsInvalidArgument() throws IOException {
        Accounts accounts = load("work.server = mail.example.com\n");
        assertThat(codeOf(() -> accounts.server(null, IxpType.SMTP))).isEqualTo(IxpCode.E_INVALIDARG);
        assertThat(codeOf(() -> accounts.server("", IxpType.SMTP))).isEqualTo(IxpCode.E_INVALIDARG);
        assertThat(codeOf(() -> accounts.server("  ", IxpType.SMTP))).isEqualTo(IxpCode.E_INVALIDARG);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "587x", "5 87", "0x24B", "99999999999", "", "25.0"})
    void nonNumericPortIsInvalidAccount(String port) throws IOException {
        Accounts accounts = load("a.server = h\na.port = " + port + "\n");
        assertThat(codeOf(() -> accounts.server("a", IxpType.SMTP))).isEqualTo(IxpCode.IXP_E_INVALID_ACCOUNT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "65536", "70000"})
    void outOfRangePortIsInvalidAccount(String port) throws IOException {
        Accounts accounts = load("a.server = h\na.port = " + port + "\n");
        Throwable t = catchThrowable(() -> accounts.server("a", IxpType.SMTP));
        assertThat(t).isInstanceOf(IxpException.class);
        assertThat(((IxpException) t).code())
                .as("BUG Accounts.server: port %s in the account file is a bad port number and should be"
                        + " IXP_E_INVALID_ACCOUNT like a non-numeric port, but InetServer.build() reports E_INVALIDARG",
                        port)
                .isEqualTo(IxpCode.IXP_E_INVALID_ACCOUNT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-5"})
    void nonPositiveTimeoutIsInvalidAccount(String timeout) throws IOException {
        Accounts accounts = load("a.server = h\na.timeout = " + timeout + "\n");
        Throwable t = catchThrowable(() -> accounts.server("a", IxpType.SMTP));
        assertThat(t)
                .as("BUG Accounts.server: timeout %s escapes as %s from Timeouts' constructor instead of an"
                        + " IxpException IXP_E_INVALID_ACCOUNT", timeout, t)
                .isInstanceOf(IxpException.class);
        assertThat(((IxpException) t).code()).isEqualTo(IxpCode.IXP_E_INVALID_ACCOUNT);
    }

    @Test
    void nonNumericTimeoutIsInvalidAccount() throws IOException {
        Accounts accounts = load("a.server = h\na.timeout = soon\n");
        assertThat(codeOf(() -> accounts.server("a", IxpType.SMTP))).isEqualTo(IxpCode.IXP_E_INVALID_ACCOUNT);
    }

    // ---------------------------------------------------------------- default location

    @Test
    void defaultPathHonoursIxpAccountsFirst() {
        assertThat(Accounts.defaultPath(Map.of("IXP_ACCOUNTS", "/srv/ixp/acc.properties",
                "XDG_CONFIG_HOME", "/home/u/.xdg"))).isEqualTo(Path.of("/srv/ixp/acc.properties"));
    }

    @Test
    void defaultPathThenXdgConfigHome() {
        assertThat(Accounts.defaultPath(Map.of("XDG_CONFIG_HOME", "/home/u/.xdg")))
                .isEqualTo(Path.of("/home/u/.xdg", "ixp", "accounts.properties"));
        assertThat(Accounts.defaultPath(Map.of("IXP_ACCOUNTS", "  ", "XDG_CONFIG_HOME", "/home/u/.xdg")))
                .as("blank IXP_ACCOUNTS is ignored")
                .isEqualTo(Path.of("/home/u/.xdg", "ixp", "accounts.properties"));
    }

    @Test
    void defaultPathElseHomeConfig() {
        Path expected = Path.of(System.getProperty("user.home"), ".config", "ixp", "accounts.properties");
        assertThat(Accounts.defaultPath(Map.of())).isEqualTo(expected);
        assertThat(Accounts.defaultPath(Map.of("XDG_CONFIG_HOME", ""))).as("empty XDG_CONFIG_HOME is ignored")
                .isEqualTo(expected);
        assertThat(Accounts.defaultPath(Map.of("IXP_ACCOUNTS", "", "XDG_CONFIG_HOME", " "))).isEqualTo(expected);
    }
}
