package io.codis.admin.port;

import static org.assertj.core.api.Assertions.assertThat;

import io.codis.admin.AdminConsole;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code codis-admin --import} refuses what cannot work with one line, before it connects anywhere. */
class ImportOptionsTest {
    private final AdminConsole admin = new AdminConsole();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--import --from=127.0.0.1:1                            | --import needs --dashboard=ADDR or --proxy=ADDR",
        "--import --dashboard=127.0.0.1:1                       | --import needs --from=HOST:PORT",
        "--import --dashboard=127.0.0.1:1 --from=nowhere        | invalid --from=nowhere, want HOST:PORT",
        "--import --dashboard=127.0.0.1:1 --from=h:1 --db=1 --all-dbs | --db and --all-dbs are mutually exclusive",
        "--import --dashboard=127.0.0.1:1 --from=h:1 --db=-2    | invalid --db=-2",
        "--import --dashboard=127.0.0.1:1 --from=h:1 --rate=-5  | invalid --rate=-5",
        "--import --dashboard=127.0.0.1:1 --from=h:1 --gid=3    | option --gid is not used by --import",
    })
    void refusesWithOneLine(String args, String message) {
        assertThat(admin.run(args.trim().split(" +"))).isNotZero();
        assertThat(admin.err()).isEqualTo("codis-admin: " + message + System.lineSeparator());
        assertThat(admin.out()).isEmpty();
    }
}
