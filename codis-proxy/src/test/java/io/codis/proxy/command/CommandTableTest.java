package io.codis.proxy.command;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static io.codis.proxy.command.TestRequests.spec;
import static org.assertj.core.api.Assertions.assertThat;

class CommandTableTest {

    @ParameterizedTest
    @ValueSource(strings = {"get", "GET", "Get", "gEt"})
    void looksNamesUpInAnyCase(String name) {
        CommandSpec spec = spec(name);

        assertThat(spec.isUnknown()).isFalse();
        assertThat(spec.name()).isEqualTo("GET");
        assertThat(spec.needsMaster()).isFalse();
    }

    @Test
    void findsANameWithAColon() {
        CommandSpec spec = spec("host:");

        assertThat(spec.name()).isEqualTo("HOST:");
        assertThat(spec.isNotAllowed()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"getx", "FOO", "geT:", ":", "hostx:", "UnknownCommandNameThatIsRatherLong"})
    void givesAnUnknownLettersOnlyNameMayWrite(String name) {
        assertUnknownMayWrite(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"get1", "1", "set-x", "my_cmd", "GET ", "g\u00e9t", "-", "restore-askingx"})
    void givesANameWithOtherBytesMayWrite(String name) {
        assertUnknownMayWrite(name);
    }

    private static void assertUnknownMayWrite(String name) {
        CommandSpec spec = spec(name);

        assertThat(spec.isUnknown()).isTrue();
        assertThat(spec.isNotAllowed()).isFalse();
        assertThat(spec.needsMaster()).isTrue();
        assertThat(spec.local()).isEqualTo(LocalCommand.NONE);
        assertThat(spec.name()).isEqualTo(upperCaseAscii(name));
    }

    /** Upper-cases ASCII letters only, one char per byte, as the stats report names. */
    private static String upperCaseAscii(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] >= 'a' && bytes[i] <= 'z') {
                bytes[i] -= 'a' - 'A';
            }
        }
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"RESTORE-ASKING", "slotsmgrtone-async", "SLOTSMGRTSLOT-ASYNC", "SLOTSMGRTTAGONE-ASYNC",
        "SLOTSMGRTTAGSLOT-ASYNC", "SLOTSMGRT-ASYNC-FENCE", "SLOTSMGRT-ASYNC-CANCEL", "SLOTSMGRT-ASYNC-STATUS",
        "slotsmgrt-exec-wrapper", "SLOTSRESTORE-ASYNC", "SLOTSRESTORE-ASYNC-AUTH", "SLOTSRESTORE-ASYNC-ACK"})
    void rejectsTheOriginalsDeadHyphenatedEntries(String name) {
        CommandSpec spec = spec(name);

        assertThat(spec.isNotAllowed()).isTrue();
        assertThat(spec.name()).isEqualTo(name.toUpperCase());
    }

    @Test
    void looksUpANameInsideALargerBuffer() {
        ByteBuf buf = Unpooled.copiedBuffer("xxmgetyy", StandardCharsets.US_ASCII);
        try {
            assertThat(CommandTable.lookup(buf.slice(2, 4)).local()).isEqualTo(LocalCommand.MGET);
        } finally {
            buf.release();
        }
    }

    @Test
    void answersAKnownNameWithTheSameSpecEveryTime() {
        assertThat(spec("zadd")).isSameAs(spec("ZADD"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "QUIT, QUIT", "AUTH, AUTH", "SELECT, SELECT", "HELLO, HELLO", "PING, PING", "INFO, INFO",
        "SLOTSINFO, SLOTSINFO", "SLOTSSCAN, SLOTSSCAN", "SLOTSMAPPING, SLOTSMAPPING",
        "MGET, MGET", "MSET, MSET", "DEL, DEL", "EXISTS, EXISTS", "TOUCH, TOUCH", "UNLINK, UNLINK",
        "TIME, TIME", "ECHO, ECHO", "CLIENT, CLIENT", "COMMAND, COMMAND", "RESET, RESET",
        "SCAN, SCAN", "DBSIZE, DBSIZE", "RANDOMKEY, RANDOMKEY", "CONFIG, CONFIG",
        "SCRIPT, EVERY_MASTER", "FUNCTION, EVERY_MASTER",
        "GET, NONE", "EVAL, NONE", "OBJECT, NONE", "MEMORY, NONE"})
    void handlesTheseCommandsLocally(String name, LocalCommand local) {
        assertThat(spec(name).local()).isEqualTo(local);
        assertThat(spec(name).isNotAllowed()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"BLMOVE", "BLMPOP", "BZMPOP", "BZPOPMIN", "BZPOPMAX", "WAIT",
        "SSUBSCRIBE", "SUNSUBSCRIBE", "SPUBLISH", "PUBLISH", "SUBSCRIBE", "MULTI", "EXEC", "WATCH",
        "READONLY", "READWRITE", "ACL", "DEBUG", "FAILOVER", "MODULE", "MONITOR", "SHUTDOWN",
        "REPLICAOF", "SLAVEOF", "SYNC", "PSYNC", "SAVE", "BGSAVE", "FLUSHALL", "FLUSHDB", "SWAPDB", "LATENCY",
        "KEYS", "MOVE", "CLUSTER", "ASKING", "MIGRATE", "RESTORE"})
    void rejectsCommandsUnsafeThroughASharedPipelinedProxy(String name) {
        assertThat(spec(name).isNotAllowed()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"BLPOP", "BRPOP", "BRPOPLPUSH", "BLMOVE", "BLMPOP", "BZMPOP", "BZPOPMIN", "BZPOPMAX", "WAIT",
        "MULTI", "EXEC", "DISCARD", "WATCH", "UNWATCH"})
    void blockingAndTransactionCommandsAreRefusedUnlessASessionOwnsAConnection(String name) {
        assertThat(spec(name).isNotAllowed()).isTrue();
        assertThat(spec(name).local().needsOwnedConnection()).isTrue();
    }

    @Test
    void keysIsRefusedUnlessProxyAllowKeysServesItOverEveryGroup() {
        assertThat(spec("KEYS").isNotAllowed()).isTrue();
        assertThat(spec("KEYS").local()).isEqualTo(LocalCommand.KEYS);
    }

    @Test
    void xreadIsAReadAndXreadgroupAWriteBlockingOnlyWithTheBlockOption() {
        assertThat(spec("XREAD").isNotAllowed()).isFalse();
        assertThat(spec("XREAD").needsMaster()).isFalse();
        assertThat(spec("XREADGROUP").needsMaster()).isTrue();
        assertThat(spec("XREAD").local()).isEqualTo(LocalCommand.XREAD);
        assertThat(spec("XREAD").local().needsOwnedConnection()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"GETDEL", "GETEX", "LMOVE", "SMOVE", "RPOPLPUSH", "LMPOP", "ZMPOP", "XADD", "XGROUP",
        "XAUTOCLAIM", "GEOSEARCHSTORE", "ZRANGESTORE", "ZDIFFSTORE", "FCALL", "UNLINK", "GEORADIUS", "SORT",
        "HSCAN", "SSCAN", "ZSCAN", "ZPOPMIN", "RENAME", "RENAMENX", "MSETNX", "BITOP", "COPY"})
    void sendsWritesAndCursorsToTheMaster(String name) {
        assertThat(spec(name).isNotAllowed()).isFalse();
        assertThat(spec(name).needsMaster()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"GEORADIUS_RO", "GEORADIUSBYMEMBER_RO", "GEOSEARCH", "SORT_RO", "BITFIELD_RO",
        "EVAL_RO", "EVALSHA_RO", "FCALL_RO", "XRANGE", "XINFO", "XPENDING", "LCS", "LPOS", "SINTERCARD", "ZINTER",
        "ZUNION", "ZDIFF", "ZINTERCARD", "HRANDFIELD", "ZRANDMEMBER", "SMISMEMBER", "ZMSCORE", "EXPIRETIME",
        "PEXPIRETIME", "COMMAND", "ROLE", "PUBSUB", "ECHO", "LOLWUT", "OBJECT", "MEMORY"})
    void letsReplicasServeReadOnlyCommands(String name) {
        assertThat(spec(name).isNotAllowed()).isFalse();
        assertThat(spec(name).needsMaster()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"OBJECT, ENCODING FREQ IDLETIME REFCOUNT", "MEMORY, USAGE", "CLIENT, SETNAME GETNAME ID INFO LIST",
        "CONFIG, GET"})
    void allowsOnlySomeSubcommandsOf(String name, String subcommands) {
        assertThat(spec(name).allowedSubcommands()).containsExactly(subcommands.split(" "));
    }
}
