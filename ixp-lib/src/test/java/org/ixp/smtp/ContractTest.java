package org.ixp.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.ixp.InternetTransport;
import org.ixp.IsState;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.IxpStatus;
import org.ixp.IxpType;
import org.ixp.RecordingCallback;
import org.ixp.testkit.Mode;
import org.junit.jupiter.api.Test;

/** The base contract's rules that are not about ending a session. */
class ContractTest {

    private static void notInit(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(IxpException.class,
                e -> assertThat(e.code()).isEqualTo(IxpCode.IXP_E_NOT_INIT));
    }

    @Test
    void everyCallBeforeInitNewFailsWithNotInit() {
        SmtpTransport t = new SmtpTransport();
        notInit(() -> t.connect(org.ixp.InetServer.builder().serverName("127.0.0.1").port(1).build(), false, false));
        notInit(t::disconnect);
        notInit(t::dropConnection);
        notInit(t::getStatus);
        notInit(() -> t.isState(IsState.CONNECTED));
        notInit(t::getServerInfo);
        notInit(t::handsOffCallback);
        notInit(() -> t.inetServerFromAccount("work"));
        notInit(t::commandRSET);
        notInit(t::getGreeting);
        assertThat(t.getIXPType()).isEqualTo(IxpType.SMTP);
    }

    @Test
    void initNewNeedsACallbackAndAWritableLog() {
        SmtpTransport t = new SmtpTransport();
        assertThatThrownBy(() -> t.initNew(null, null)).isInstanceOfSatisfying(IxpException.class,
                e -> assertThat(e.code()).isEqualTo(IxpCode.E_INVALIDARG));
        assertThatThrownBy(() -> t.initNew(java.nio.file.Path.of("/no/such/dir/x.log"), new RecordingCallback()))
                .isInstanceOfSatisfying(IxpException.class, e -> assertThat(e.code()).isEqualTo(IxpCode.E_INVALIDARG));
    }

    @Test
    void connectWhileConnectedAndInitNewWhileConnectedAreAlreadyConnected() throws Exception {
        try (Fixture f = new Fixture(SmtpScripts::politeSession)) {
            f.connected();
            assertThatThrownBy(f::connect).isInstanceOfSatisfying(IxpException.class,
                    e -> assertThat(e.code()).isEqualTo(IxpCode.IXP_E_ALREADY_CONNECTED));
            assertThatThrownBy(() -> f.transport.initNew(null, new RecordingCallback()))
                    .isInstanceOfSatisfying(IxpException.class,
                            e -> assertThat(e.code()).isEqualTo(IxpCode.IXP_E_ALREADY_CONNECTED));
            f.transport.disconnect().get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void isStateAndServerInfoFollowTheSession() throws Exception {
        try (Fixture f = new Fixture(c -> {
            SmtpScripts.greetAndEhlo(c);
            c.expect("NOOP");
            c.sleep(Duration.ofMillis(200));
            c.send("250 ok");
            c.expect("QUIT");
            c.send("221 bye");
        })) {
            assertThat(f.transport.getServerInfo()).isNull();
            assertThat(f.transport.isState(IsState.CONNECTED)).isFalse();
            f.connected();
            assertThat(f.transport.getServerInfo().port()).isEqualTo(f.server.port());
            assertThat(f.transport.isState(IsState.CONNECTED)).isTrue();
            assertThat(f.transport.isState(IsState.READY)).isTrue();
            assertThat(f.transport.isState(IsState.AUTHENTICATED)).isFalse();
            var noop = f.transport.commandNOOP();
            assertThat(f.transport.isState(IsState.BUSY)).isTrue();
            assertThat(f.transport.isState(IsState.READY)).isFalse();
            assertThatThrownBy(f.transport::commandRSET).isInstanceOfSatisfying(IxpException.class,
                    e -> assertThat(e.code()).isEqualTo(IxpCode.IXP_E_BUSY));
            noop.get(5, TimeUnit.SECONDS);
            assertThat(f.transport.isState(IsState.READY)).isTrue();
            f.transport.disconnect().get(5, TimeUnit.SECONDS);
            assertThat(f.transport.isState(IsState.CONNECTED)).isFalse();
        }
    }

    @Test
    void callbacksRunSeriallyOnTheUsersExecutorAndOnCommandOnlyWhenAsked() throws Exception {
        ExecutorService mine = Executors.newFixedThreadPool(4, r -> new Thread(r, "user-callbacks"));
        List<String> seen = new CopyOnWriteArrayList<>();
        RecordingCallback cb = new RecordingCallback() {
            @Override
            public void onStatus(IxpStatus status, InternetTransport<?> transport) {
                seen.add(Thread.currentThread().getName());
                super.onStatus(status, transport);
            }
        };
        try (org.ixp.testkit.ScriptedServer server = org.ixp.testkit.ScriptedServer.start(Mode.PLAIN,
                SmtpScripts::politeSession)) {
            SmtpTransport t = new SmtpTransport();
            t.initNew(null, cb, mine);
            t.connect(SmtpScripts.plain(server), false, false).get(5, TimeUnit.SECONDS);
            t.disconnect().get(5, TimeUnit.SECONDS);
            cb.awaitStatus(IxpStatus.DISCONNECTED, Duration.ofSeconds(5));
            assertThat(seen).isNotEmpty().allMatch("user-callbacks"::equals);
            assertThat(cb.statusSnapshot()).containsExactly(IxpStatus.FINDINGHOST, IxpStatus.CONNECTING,
                    IxpStatus.CONNECTED, IxpStatus.DISCONNECTING, IxpStatus.DISCONNECTED);
            assertThat(cb.commands).as("onCommand without command logging").isEmpty();
        } finally {
            mine.shutdownNow();
        }
    }
}
