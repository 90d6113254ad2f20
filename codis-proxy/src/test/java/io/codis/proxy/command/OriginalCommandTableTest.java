package io.codis.proxy.command;

import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

import static io.codis.proxy.command.TestRequests.spec;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every entry of the original's 197-entry table behaves as its "effective" column says, except the
 * commands the original refused that we serve (README "Commands"): multi-key commands whose keys are
 * of one slot, OBJECT's subcommands with a key, the proxy-local CLIENT and TIME, the whole-keyspace
 * reads SCAN, DBSIZE and RANDOMKEY, SCRIPT (to every master) and CONFIG (GET only, its other
 * subcommands refused as the original).
 */
class OriginalCommandTableTest {
    private static final Set<String> SERVED_BEYOND_THE_ORIGINAL = Set.of("BITOP", "CLIENT", "CONFIG", "DBSIZE", "MSETNX",
            "OBJECT", "RANDOMKEY", "RENAME", "RENAMENX", "SCAN", "SCRIPT", "TIME");

    @ParameterizedTest(name = "{0} is {1}")
    @CsvFileSource(resources = "original-command-table.csv", delimiter = '|')
    void classifiesAsTheOriginalEffectively(String name, String effective) {
        CommandSpec spec = spec(name);

        assertThat(spec.isUnknown()).as("known").isFalse();
        assertThat(spec.name()).isEqualTo(name);
        switch (effective) {
            // the original forwards its hyphenated dead entries; the clone rejects them
            case "rejected" -> assertThat(spec.isNotAllowed()).as("not allowed")
                    .isEqualTo(!SERVED_BEYOND_THE_ORIGINAL.contains(name));
            case "forwarded, master" -> assertThat(spec.isNotAllowed()).as("not allowed").isTrue();
            case "master" -> {
                assertThat(spec.isNotAllowed()).as("not allowed").isFalse();
                assertThat(spec.needsMaster()).as("needs master").isTrue();
            }
            case "replica ok" -> {
                assertThat(spec.isNotAllowed()).as("not allowed").isFalse();
                assertThat(spec.needsMaster()).as("needs master").isFalse();
            }
            case "local" -> {
                assertThat(spec.isNotAllowed()).as("not allowed").isFalse();
                assertThat(spec.local()).isNotEqualTo(LocalCommand.NONE);
            }
            default -> throw new AssertionError("effective column " + effective);
        }
    }

    @ParameterizedTest(name = "{0} is looked up in lower case too")
    @CsvFileSource(resources = "original-command-table.csv", delimiter = '|')
    void findsEveryEntryInAnyCase(String name, String effective) {
        assertThat(spec(name.toLowerCase())).isSameAs(spec(name));
    }
}
