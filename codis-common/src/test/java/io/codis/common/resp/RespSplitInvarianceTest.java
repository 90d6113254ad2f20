package io.codis.common.resp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static io.codis.common.resp.RespBytes.bytes;
import static org.assertj.core.api.Assertions.assertThat;

/** A stream cut anywhere, or fed a byte at a time, gives what it gives in one piece. */
@ExtendWith(NettyLeakCheck.class)
class RespSplitInvarianceTest {

    private static final String REQUESTS = "*3\r\n$3\r\nSET\r\n$2\r\nk1\r\n$5\r\nv\r\n\0x\r\n"
            + "set  k1   v1\r\n\r\n\n  \r\nGET k1\n"
            + "echo \"a \\x41\\n b\" 'c\\'d'\r\n"
            + "*2\r\n$4\r\nECHO\r\n$0\r\n\r\n"
            + "*1\r\n$4\r\nPING\r\n";

    private static final String REPLIES = "+OK\r\n-ERR x\r\n:-12\r\n$3\r\nf\ro\r\n$-1\r\n*-1\r\n*0\r\n"
            + "*3\r\n$1\r\na\r\n*2\r\n:1\r\n$-1\r\n-ERR e\r\n"
            + "_\r\n,3.14\r\n#t\r\n!3\r\nERR\r\n=7\r\ntxt:abc\r\n(12345678901234567890\r\n"
            + "%1\r\n+k\r\n~2\r\n:1\r\n:2\r\n>2\r\n+a\r\n+b\r\n|1\r\n+k\r\n+v\r\n:3\r\n"
            + "$?\r\n;2\r\nab\r\n;1\r\nc\r\n;0\r\n*?\r\n:1\r\n%?\r\n+a\r\n:1\r\n.\r\n.\r\n";

    @ParameterizedTest
    @ValueSource(strings = {REQUESTS, REQUESTS + "*1\r\n:5\r\n", REQUESTS + "*0\r\n", "PING\r\nset \"a\r\n",
            REQUESTS + "*2\r\n$3\r\nGET\r\n$-1\r\n", "*1\r\n$3\r\nGETxx", "ECHO a\r\n*1\r\n$4\r\nPING\r\n*-1\r\n"})
    void requestsDecodeTheSameHoweverTheyAreCut(String stream) {
        byte[] input = bytes(stream);
        List<String> whole = ChunkedFeed.requests(input, new int[0]);
        assertThat(whole).isNotEmpty();

        assertThat(ChunkedFeed.requests(input, ChunkedFeed.everyByte(input.length))).isEqualTo(whole);
        for (int cut = 0; cut <= input.length; cut++) {
            assertThat(ChunkedFeed.requests(input, new int[] {cut})).as("cut at %d", cut).isEqualTo(whole);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {REPLIES, REPLIES + "*2\r\n:1\r\n@\r\n", REPLIES + "$3\r\nabcd\r\n", "*1\r\n.\r\n"})
    void repliesFrameTheSameHoweverTheyAreCut(String stream) {
        byte[] input = bytes(stream);
        List<String> whole = ChunkedFeed.replies(input, new int[0]);
        assertThat(whole).isNotEmpty();

        assertThat(ChunkedFeed.replies(input, ChunkedFeed.everyByte(input.length))).isEqualTo(whole);
        for (int cut = 0; cut <= input.length; cut++) {
            assertThat(ChunkedFeed.replies(input, new int[] {cut})).as("cut at %d", cut).isEqualTo(whole);
        }
    }

    @Test
    void theCorporaHoldWhatTheyShould() {
        assertThat(ChunkedFeed.requests(bytes(REQUESTS), new int[0])).containsExactly(
                "array [SET] [k1] [v\\x0d\\x0a\\x00x] raw=*3\\x0d\\x0a$3\\x0d\\x0aSET\\x0d\\x0a$2\\x0d\\x0ak1\\x0d\\x0a$5\\x0d\\x0av\\x0d\\x0a\\x00x\\x0d\\x0a",
                "inline [set] [k1] [v1] raw=set  k1   v1\\x0d\\x0a",
                "inline [GET] [k1] raw=GET k1\\x0a",
                "inline [echo] [a A\\x0a b] [c'd] raw=echo \"a \\x5cx41\\x5cn b\" 'c\\x5c'd'\\x0d\\x0a",
                "array [ECHO] [] raw=*2\\x0d\\x0a$4\\x0d\\x0aECHO\\x0d\\x0a$0\\x0d\\x0a\\x0d\\x0a",
                "array [PING] raw=*1\\x0d\\x0a$4\\x0d\\x0aPING\\x0d\\x0a");
        assertThat(ChunkedFeed.replies(bytes(REPLIES), new int[0])).hasSize(19)
                .noneMatch(reply -> reply.startsWith("error"))
                .endsWith("<array> *?\\x0d\\x0a:1\\x0d\\x0a%?\\x0d\\x0a+a\\x0d\\x0a:1\\x0d\\x0a.\\x0d\\x0a.\\x0d\\x0a");
    }
}
