package io.codis.proxy.command;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;

import static io.codis.proxy.command.TestRequests.keyIndexes;
import static io.codis.proxy.command.TestRequests.routingKeyIndex;
import static org.assertj.core.api.Assertions.assertThat;

class RoutingKeyIndexTest {

    /** {@code expected} is the routing key index of the space-separated {@code request}. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        // the original's rule: argument 3 for these four, even with numkeys 0 or a destination first
        "ZINTERSTORE dst 2 a b | 3",
        "zunionstore dst 1 a | 3",
        "ZUNIONSTORE dst 1 | -1",
        "EVAL script 1 k a | 3",
        "EVAL script 0 a | 3",
        "EVAL script 0 | -1",
        "EVALSHA sha 2 k1 k2 | 3",
        "EVALSHA sha | -1",
        // argument 1 for the rest, known or not, with or without keys
        "GET k | 1",
        "GET | -1",
        "MSET k1 v1 k2 v2 | 1",
        "ECHO message | 1",
        "COMMAND | -1",
        "NOSUCHCOMMAND a b | 1",
        "NOSUCHCOMMAND | -1",
        "my-command a | 1",
        "GEORADIUS_RO k 0 0 1 km | 1",
        "SORT k STORE d | 1",
        // Redis 7 commands: their first key per key spec
        "LMPOP 2 a b LEFT | 2",
        "LMPOP 0 LEFT | -1",
        "ZMPOP 1 a MIN | 2",
        "SINTERCARD 2 a b | 2",
        "ZINTER 2 a b | 2",
        "ZUNION 1 a | 2",
        "ZDIFF 2 a b | 2",
        "ZINTERCARD 1 a LIMIT 1 | 2",
        "ZDIFFSTORE dst 2 a b | 1",
        "FCALL fn 1 k a | 3",
        "FCALL fn 0 a | -1",
        "FCALL_RO fn 2 k1 k2 | 3",
        "EVAL_RO script 1 k | 3",
        "EVALSHA_RO sha 1 k | 3",
        "EVAL_RO script 0 a | -1",
        "XINFO STREAM s | 2",
        "XINFO HELP | -1",
        "XGROUP CREATE s g $ | 2",
        "OBJECT ENCODING k | 2",
        "MEMORY USAGE k | 2",
        "PFDEBUG GETREG k | 2",
    })
    void routesByTheFirstKey(String request, int expected) {
        assertThat(routingKeyIndex(request.split(" "))).isEqualTo(expected);
    }

    /** A malformed key count ({@code ''} stands for an empty argument) is no key, never an exception. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "LMPOP x a LEFT | -1", "LMPOP -1 a LEFT | -1", "LMPOP 3 a LEFT | -1", "LMPOP 99999999999999999999 a | -1",
        "LMPOP 1 | -1", "LMPOP | -1", "LMPOP 01 a | -1", "LMPOP +1 a | -1", "LMPOP '' a | -1",
        "FCALL fn 2147483648 a | -1", "SINTERCARD 4294967297 a | -1", "ZINTERCARD | -1",
        "EVAL script x k | 3", "EVAL script -1 k | 3", "EVAL script 5 k | 3",
        "ZUNIONSTORE dst x a | 3", "ZUNIONSTORE dst 9 a | 3", "ZDIFFSTORE dst -2 a | 1",
    })
    void neverThrowsOnAMalformedKeyCount(String request, int expectedRouting) {
        String[] args = Arrays.stream(request.split(" ")).map(a -> a.equals("''") ? "" : a).toArray(String[]::new);
        List<Integer> keys = keyIndexes(args);

        assertThat(routingKeyIndex(args)).isEqualTo(expectedRouting);
        assertThat(keys).allMatch(i -> i == 1 && !args[0].equals("LMPOP"));
    }

    @Test
    void reportsNoKeyCountedKeysWhenTheCountIsMalformed() {
        assertThat(keyIndexes("ZUNIONSTORE", "dst", "x", "a")).containsExactly(1);
        assertThat(keyIndexes("ZUNIONSTORE", "dst", "3", "a", "b")).containsExactly(1);
        assertThat(keyIndexes("EVAL", "s", "-1", "a")).isEmpty();
        assertThat(keyIndexes("LMPOP", "1x", "a", "LEFT")).isEmpty();
    }

    @Test
    void findsEveryKeyInArgumentOrder() {
        assertThat(keyIndexes("MSET", "k1", "v1", "k2", "v2", "k3", "v3")).containsExactly(1, 3, 5);
        assertThat(keyIndexes("ZUNIONSTORE", "dst", "2", "a", "b", "WEIGHTS", "1", "2")).containsExactly(1, 3, 4);
        assertThat(keyIndexes("EVAL", "s", "2", "a", "b", "arg")).containsExactly(3, 4);
        assertThat(keyIndexes("EVAL", "s", "0", "arg")).isEmpty();
        assertThat(keyIndexes("GEORADIUS", "k", "0", "0", "1", "km", "STORE", "d")).containsExactly(1, 7);
        assertThat(keyIndexes("GEORADIUS", "k", "0", "0", "1", "km", "storedist", "d")).containsExactly(1, 7);
        assertThat(keyIndexes("SORT", "k", "LIMIT", "0", "1", "store", "d")).containsExactly(1, 6);
        assertThat(keyIndexes("SORT_RO", "k", "BY", "w*")).containsExactly(1);
        assertThat(keyIndexes("SORT", "k", "BY", "store", "GET", "store")).containsExactly(1);
        assertThat(keyIndexes("SORT", "k", "STORE", "d1", "STORE", "d2")).containsExactly(1, 5);
        assertThat(keyIndexes("SORT", "k", "STORE")).containsExactly(1);
        assertThat(keyIndexes("GEORADIUS", "k", "0", "0", "1", "km", "STOREDIST", "d1", "STORE", "d2"))
                .containsExactly(1, 7, 9);
        assertThat(keyIndexes("GEORADIUS", "k", "0", "0", "1", "km", "STORE", "d1", "STORE", "d2"))
                .containsExactly(1, 7);
        assertThat(keyIndexes("SLOTSRESTORE", "k1", "0", "v1", "k2", "0", "v2")).containsExactly(1, 4);
        assertThat(keyIndexes("BLPOP", "a", "b", "0")).containsExactly(1, 2);
        assertThat(keyIndexes("XREAD", "COUNT", "1", "STREAMS", "s1", "s2", "0", "0")).containsExactly(4, 5);
        assertThat(keyIndexes("MIGRATE", "h", "1", "k", "0", "5")).containsExactly(3);
        assertThat(keyIndexes("XINFO", "CONSUMERS", "s", "g")).containsExactly(2);
    }

    @Test
    void givesAnUnknownCommandArgumentOneAsItsKey() {
        assertThat(keyIndexes("NOSUCH", "a", "b")).containsExactly(1);
        assertThat(keyIndexes("NO-SUCH")).isEmpty();
    }

    @Test
    void givesAKeylessCommandNoKey() {
        assertThat(keyIndexes("PING", "x")).isEmpty();
        assertThat(keyIndexes("ECHO", "x")).isEmpty();
        assertThat(keyIndexes("SPUBLISH", "channel", "x")).isEmpty();
    }
}
