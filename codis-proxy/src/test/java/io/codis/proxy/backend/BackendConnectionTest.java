package io.codis.proxy.backend;

import static io.codis.proxy.backend.EmbeddedBackend.command;
import static io.codis.proxy.backend.EmbeddedBackend.outcomes;
import static io.codis.proxy.backend.EmbeddedBackend.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.codis.proxy.backend.EmbeddedBackend.Recorder;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** One backend connection over an embedded channel: order, fragmentation, errors, failures, handshake, keepalive. */
class BackendConnectionTest {

    private static final long SECOND = 1_000_000_000L;

    private final EmbeddedBackend backend = new EmbeddedBackend();
    /** The connection under test; dialled on first use, so a test may replace it with one of other settings. */
    private BackendConnection conn = backend.connection(0, EmbeddedBackend.SETTINGS);

    @Test
    void repliesGoToTheirRequestsInOrder() {
        Recorder a = send(conn, "GET", "a");
        Recorder b = send(conn, "GET", "b");
        Recorder c = send(conn, "SET", "c", "3");
        assertThat(backend.written()).isEqualTo(
                "*2\r\n$3\r\nGET\r\n$1\r\na\r\n*2\r\n$3\r\nGET\r\n$1\r\nb\r\n*3\r\n$3\r\nSET\r\n$1\r\nc\r\n$1\r\n3\r\n");
        backend.answer("$1\r\n1\r\n$-1\r\n+OK\r\n");
        assertThat(outcomes(a, b, c)).containsExactly("$1\r\n1\r\n", "$-1\r\n", "+OK\r\n");
    }

    @Test
    void aReplyFedByteByByteReachesItsRequestOnceComplete() {
        Recorder array = send(conn, "MGET", "a", "b");
        Recorder ok = send(conn, "SET", "a", "1");
        backend.written();
        String replies = "*2\r\n$5\r\nhello\r\n$-1\r\n+OK\r\n";
        int arrayEnd = replies.indexOf('+');
        for (int i = 0; i < replies.length(); i++) {
            assertThat(array.outcomes).as("after %d bytes", i).hasSize(i < arrayEnd ? 0 : 1);
            assertThat(ok.outcomes).as("after %d bytes", i).isEmpty();
            backend.answer(replies.substring(i, i + 1));
        }
        assertThat(outcomes(array, ok)).containsExactly("*2\r\n$5\r\nhello\r\n$-1\r\n", "+OK\r\n");
    }

    @Test
    void anErrorReplyIsTheRequestsReplyAndTheConnectionServesOn() {
        Recorder failing = send(conn, "INCR", "s");
        Recorder next = send(conn, "GET", "s");
        backend.written();
        backend.answer("-ERR value is not an integer or out of range\r\n$1\r\nx\r\n");
        assertThat(outcomes(failing, next)).containsExactly(
                "-ERR value is not an integer or out of range\r\n",
                "$1\r\nx\r\n");
        assertThat(conn.isUsable()).isTrue();
        assertThat(backend.dialled).hasSize(1);
    }

    @Test
    void aResetFailsTheOldestRequestWithTheCauseAndTheOthersWithConnReset() {
        Recorder[] inflight = {send(conn, "GET", "k"), send(conn, "GET", "k"), send(conn, "GET", "k")};
        backend.written();
        backend.channel().pipeline().fireExceptionCaught(new IOException("Connection reset by peer"));
        assertThat(outcomes(inflight[0], inflight[1], inflight[2])).containsExactly(
                "failure: backend conn failure, Connection reset by peer",
                "failure: backend conn reset",
                "failure: backend conn reset");
        assertThat(conn.isConnected()).isFalse();
        assertThat(backend.channel().isOpen()).isFalse();

        Recorder after = send(conn, "GET", "k");
        assertThat(backend.dialled).as("re-dialled at once after the first failure").hasSize(2);
        assertThat(backend.written()).isEqualTo("*2\r\n$3\r\nGET\r\n$1\r\nk\r\n");
        backend.answer("$1\r\nv\r\n");
        assertThat(after.outcomes).containsExactly("$1\r\nv\r\n");
    }

    @Test
    void theBackendClosingFailsTheOldestWithEof() {
        Recorder first = send(conn, "GET", "a");
        Recorder second = send(conn, "GET", "b");
        backend.written();
        backend.channel().close();
        assertThat(outcomes(first, second)).containsExactly(
                "failure: backend conn failure, EOF",
                "failure: backend conn reset");
    }

    @Test
    void aReplyNobodyAskedForFailsTheConnection() {
        conn.warmUp();
        backend.answer("+OK\r\n");
        assertThat(conn.isConnected()).isFalse();
    }

    @Test
    void requestsWaitWhileDiallingAndGoOutInOrderOnceConnected() {
        backend.connectLater();
        Recorder broken = new Recorder();
        broken.broken = true;
        Recorder a = send(conn, "GET", "a");
        conn.send(command("GET", "gone"), broken);
        Recorder b = send(conn, "GET", "b");
        assertThat(backend.written()).isEmpty();
        backend.connected();
        assertThat(broken.outcomes).containsExactly("failure: request is broken");
        assertThat(backend.written()).isEqualTo("*2\r\n$3\r\nGET\r\n$1\r\na\r\n*2\r\n$3\r\nGET\r\n$1\r\nb\r\n");
        backend.answer("$1\r\n1\r\n$1\r\n2\r\n");
        assertThat(outcomes(a, b)).containsExactly("$1\r\n1\r\n", "$1\r\n2\r\n");
    }

    @Test
    void aRefusedDialFailsEveryWaitingRequestWithConnReset() {
        backend.connectLater();
        Recorder a = send(conn, "GET", "a");
        Recorder b = send(conn, "GET", "b");
        backend.refused();
        assertThat(outcomes(a, b)).containsExactly("failure: backend conn reset", "failure: backend conn reset");
        assertThat(conn.isConnected()).isFalse();
    }

    @Test
    void theHandshakeAuthenticatesAndSelectsTheDbBeforeAnyRequest() {
        conn = backend.connection(3, EmbeddedBackend.settings("secret", 0, 0));
        Recorder request = send(conn, "GET", "k");
        assertThat(backend.written()).isEqualTo("*2\r\n$4\r\nAUTH\r\n$6\r\nsecret\r\n*2\r\n$6\r\nSELECT\r\n$1\r\n3\r\n"
                + "*2\r\n$3\r\nGET\r\n$1\r\nk\r\n");
        backend.answer("+OK\r\n+OK\r\n$1\r\nv\r\n");
        assertThat(request.outcomes).containsExactly("$1\r\nv\r\n");
        assertThat(conn.isUsable()).isTrue();
    }

    @Test
    void aResp3ConnectionSaysHello3BetweenAuthAndSelectAndTakesItsMapReply() {
        conn = backend.connection(3, EmbeddedBackend.settings("secret", 0, 0).forResp3());
        Recorder request = send(conn, "HGETALL", "h");
        assertThat(backend.written()).isEqualTo("*2\r\n$4\r\nAUTH\r\n$6\r\nsecret\r\n*2\r\n$5\r\nHELLO\r\n$1\r\n3\r\n"
                + "*2\r\n$6\r\nSELECT\r\n$1\r\n3\r\n*2\r\n$7\r\nHGETALL\r\n$1\r\nh\r\n");
        backend.answer("+OK\r\n%1\r\n$5\r\nproto\r\n:3\r\n+OK\r\n%1\r\n$1\r\nf\r\n$1\r\nv\r\n");
        assertThat(request.outcomes).containsExactly("%1\r\n$1\r\nf\r\n$1\r\nv\r\n");
        assertThat(conn.isUsable()).isTrue();
    }

    @Test
    void aBackendRefusingHello3FailsTheResp3Connection() {
        conn = backend.connection(0, EmbeddedBackend.settings("", 0, 0).forResp3());
        Recorder request = send(conn, "GET", "k");
        assertThat(backend.written()).startsWith("*2\r\n$5\r\nHELLO\r\n$1\r\n3\r\n");
        backend.answer("-ERR unknown command 'HELLO'\r\n");
        assertThat(request.outcomes).containsExactly("failure: backend conn reset");
        assertThat(conn.isConnected()).isFalse();
    }

    @Test
    void aRefusedHandshakeFailsTheConnectionAndTheRequestsBehindIt() {
        conn = backend.connection(0, EmbeddedBackend.settings("wrong", 0, 0));
        Recorder request = send(conn, "GET", "k");
        assertThat(backend.written()).startsWith("*2\r\n$4\r\nAUTH\r\n$5\r\nwrong\r\n");
        backend.answer("-WRONGPASS invalid username-password pair or user is disabled.\r\n");
        assertThat(request.outcomes).containsExactly("failure: backend conn reset");
        assertThat(conn.isConnected()).isFalse();
        assertThat(backend.channel().isOpen()).isFalse();
    }

    @Test
    void anIdleConnectionSendsAKeepalivePingAndDropsItsReply() {
        conn = backend.connection(0, EmbeddedBackend.settings("", 0, SECOND));
        Recorder request = send(conn, "GET", "k");
        backend.written();
        long t = System.nanoTime();
        conn.tick(t + 2 * SECOND);
        assertThat(backend.written()).as("no PING while a reply is due").isEmpty();
        backend.answer("$1\r\nv\r\n");
        conn.tick(t + 2 * SECOND + 1);
        assertThat(backend.written()).as("the last write was just counted").isEmpty();
        conn.tick(t + 4 * SECOND);
        assertThat(backend.written()).isEqualTo("*1\r\n$4\r\nPING\r\n");
        backend.answer("+PONG\r\n");
        assertThat(request.outcomes).containsExactly("$1\r\nv\r\n");
        assertThat(conn.isUsable()).isTrue();
    }

    @Test
    void aConnectionWaitingTooLongForAReplyTimesOut() {
        conn = backend.connection(0, EmbeddedBackend.settings("", SECOND, 0));
        Recorder slow = send(conn, "GET", "a");
        Recorder behind = send(conn, "GET", "b");
        backend.written();
        long t = System.nanoTime();
        conn.tick(t);
        conn.tick(t + SECOND);
        assertThat(slow.outcomes).isEmpty();
        conn.tick(t + SECOND + 1);
        assertThat(outcomes(slow, behind)).containsExactly(
                "failure: backend conn failure, i/o timeout",
                "failure: backend conn reset");
    }

    @Test
    void masterdownMakesTheConnectionDataStaleUntilKeepaliveInfoShowsTheLinkUp() {
        conn = backend.connection(0, EmbeddedBackend.settings("", 0, SECOND));
        Recorder request = send(conn, "GET", "k");
        backend.written();
        backend.answer("-MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'.\r\n");
        assertThat(request.outcomes).hasSize(1);
        assertThat(conn.isDataStale()).isTrue();
        assertThat(conn.isUsable()).isFalse();
        long t = System.nanoTime();
        conn.tick(t);
        conn.tick(t + 2 * SECOND);
        assertThat(backend.written()).isEqualTo("*1\r\n$4\r\nINFO\r\n");
        String down = "# Replication\r\nrole:slave\r\nmaster_link_status:down\r\n";
        backend.answer("$" + down.length() + "\r\n" + down + "\r\n");
        assertThat(conn.isDataStale()).isTrue();
        conn.tick(t + 4 * SECOND);
        conn.tick(t + 6 * SECOND);
        assertThat(backend.written()).isEqualTo("*1\r\n$4\r\nINFO\r\n");
        String up = "# Replication\r\nrole:slave\r\nmaster_link_status:up\r\n";
        backend.answer("$" + up.length() + "\r\n" + up + "\r\n");
        assertThat(conn.isDataStale()).isFalse();
        assertThat(conn.isUsable()).isTrue();
    }

    @Test
    void aClosedConnectionFailsWhatIsInFlightAndEveryLaterRequest() {
        Recorder inflight = send(conn, "GET", "a");
        backend.written();
        conn.close();
        Recorder later = send(conn, "GET", "b");
        assertThat(outcomes(inflight, later)).containsExactly(
                "failure: backend conn reset",
                "failure: backend conn reset");
        assertThat(backend.dialled).hasSize(1);
    }
}
