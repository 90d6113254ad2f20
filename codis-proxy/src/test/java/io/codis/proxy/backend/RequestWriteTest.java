package io.codis.proxy.backend;

import static io.codis.proxy.backend.EmbeddedBackend.outcomes;
import static io.codis.proxy.backend.EmbeddedBackend.part;
import static io.codis.proxy.backend.EmbeddedBackend.request;
import static io.codis.proxy.backend.EmbeddedBackend.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.codis.common.resp.RespRequest;
import io.codis.proxy.backend.EmbeddedBackend.Recorder;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Requests written in place on a connected backend connection ({@link BackendConnection#beginRequest}):
 * the bytes on the wire, their order among requests sent whole, MSET parts combined, and their replies.
 */
class RequestWriteTest {

    private static final String GET_X = "*2\r\n$3\r\nGET\r\n$1\r\nx\r\n";

    private final EmbeddedBackend backend = new EmbeddedBackend();
    private final BackendConnection conn = backend.connection(0, EmbeddedBackend.SETTINGS);
    private final RespRequest del = request("del", "a", "b", "c");
    private final RespRequest mset = request("mset", "a", "1", "b", "22", "c", "333");

    @BeforeEach
    void connect() {
        conn.warmUp();
    }

    @AfterEach
    void release() {
        del.release();
        mset.release();
    }

    @Test
    void aPartGoesOutAsTheClientSpeltItBetweenTheRequestsAroundIt() {
        Recorder before = send(conn, "GET", "x");
        Recorder delPart = part(conn, del, false, 1, 3);
        Recorder after = send(conn, "GET", "x");
        assertThat(backend.written()).isEqualTo(GET_X + "*3\r\n$3\r\ndel\r\n$1\r\na\r\n$1\r\nc\r\n" + GET_X);
        backend.answer("$1\r\n1\r\n:2\r\n$-1\r\n");
        assertThat(outcomes(before, delPart, after)).containsExactly("$1\r\n1\r\n", ":2\r\n", "$-1\r\n");
    }

    @Test
    void msetPartsInARowGoOutAsOneMsetUntilAnotherRequestComes() {
        Recorder first = part(conn, mset, true, 1);
        Recorder second = part(conn, mset, true, 3, 5);
        Recorder get = send(conn, "GET", "x");
        Recorder third = part(conn, mset, true, 5);
        assertThat(backend.written()).isEqualTo(
                "*7\r\n$4\r\nMSET\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nb\r\n$2\r\n22\r\n$1\r\nc\r\n$3\r\n333\r\n"
                + GET_X + "*3\r\n$4\r\nMSET\r\n$1\r\nc\r\n$3\r\n333\r\n");
        backend.answer("+OK\r\n$1\r\nv\r\n+OK\r\n");
        assertThat(outcomes(first, second, get, third)).containsExactly("+OK\r\n", "+OK\r\n", "$1\r\nv\r\n", "+OK\r\n");
    }

    @Test
    void everyPartOfACombinedMsetGetsItsFailure() {
        Recorder first = part(conn, mset, true, 1);
        Recorder second = part(conn, mset, true, 3);
        Recorder behind = send(conn, "GET", "x");
        backend.written();
        backend.channel().pipeline().fireExceptionCaught(new IOException("Connection reset by peer"));
        assertThat(outcomes(first, second, behind)).containsExactly(
                "failure: backend conn failure, Connection reset by peer",
                "failure: backend conn failure, Connection reset by peer",
                "failure: backend conn reset");
    }

    @Test
    void aCombinedMsetTakesNoMorePartsPast32KiB() {
        String value = "v".repeat(1000);
        RespRequest big = request("MSET", "k", value);
        try {
            int parts = 2 * CombinedMset.MAX_BYTES / 1000;
            Recorder[] recorders = new Recorder[parts];
            for (int i = 0; i < parts; i++) {
                recorders[i] = part(conn, big, true, 1);
            }
            String written = backend.written();
            int commands = written.split("\\$4\r\nMSET\r\n", -1).length - 1;
            assertThat(commands).isBetween(2, 3);
            assertThat(written.replace("*", "").length()).isGreaterThan(parts * 1000);
            backend.answer("+OK\r\n".repeat(commands));
            for (Recorder r : recorders) {
                assertThat(r.outcomes).containsExactly("+OK\r\n");
            }
        } finally {
            big.release();
        }
    }

    @Test
    void aLargePartIsBuiltApartAndKeepsItsPlace() {
        String key = "k".repeat(Coalescer.COPY_LIMIT + 1);
        RespRequest large = request("DEL", key);
        try {
            Recorder before = send(conn, "GET", "x");
            Recorder largePart = part(conn, large, false, 1);
            Recorder after = send(conn, "GET", "x");
            assertThat(backend.written()).isEqualTo(GET_X + "*2\r\n$3\r\nDEL\r\n$" + key.length() + "\r\n" + key + "\r\n" + GET_X);
            backend.answer(":0\r\n:1\r\n:0\r\n");
            assertThat(largePart.outcomes).containsExactly(":1\r\n");
        } finally {
            large.release();
        }
    }

    @Test
    void partsBegunWhileDiallingWaitBuiltWholeAsTheClientSpeltThem() {
        EmbeddedBackend dialling = new EmbeddedBackend();
        dialling.connectLater();
        BackendConnection later = dialling.connection(0, EmbeddedBackend.SETTINGS);
        Recorder msetPart = part(later, mset, true, 3);
        Recorder delPart = part(later, del, false, 2);
        assertThat(dialling.written()).isEmpty();
        dialling.connected();
        assertThat(dialling.written()).isEqualTo(
                "*3\r\n$4\r\nmset\r\n$1\r\nb\r\n$2\r\n22\r\n" + "*2\r\n$3\r\ndel\r\n$1\r\nb\r\n");
        dialling.answer("+OK\r\n:1\r\n");
        assertThat(outcomes(msetPart, delPart)).containsExactly("+OK\r\n", ":1\r\n");
    }
}
