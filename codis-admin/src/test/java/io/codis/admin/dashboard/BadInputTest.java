package io.codis.admin.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.codis.admin.AdminConsole;
import io.codis.common.log.LogLevel;
import io.codis.common.log.Logs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a newcomer's mistakes get from {@code codis-admin --dashboard=ADDR}: a name that does not
 * resolve is said so, and input that would do nothing (an inverted range, a move to the same group,
 * an option the form does not use) is refused with one line and exit 1, before any call that
 * changes something.
 */
class BadInputTest {
    private FakeDashboard dashboard;
    private final AdminConsole console = new AdminConsole();

    @BeforeEach
    void start() {
        dashboard = new FakeDashboard();
    }

    @AfterEach
    void stop() {
        dashboard.close();
        Logs.configure(null, LogLevel.INFO);
    }

    private int admin(String... args) {
        dashboard.clear();
        String[] all = new String[args.length + 1];
        all[0] = "--dashboard=" + dashboard.addr();
        System.arraycopy(args, 0, all, 1, args.length);
        return console.run(all);
    }

    @Test
    void aHostThatDoesNotResolveIsNamedAsUnknown() {
        assertThat(console.run("--dashboard=nosuchhost.invalid:18080", "--group-status")).isEqualTo(1);
        assertThat(console.err()).isEqualTo("codis-admin: call rpc model to dashboard nosuchhost.invalid:18080 failed,"
                + " Get http://nosuchhost.invalid:18080/api/topom/model: unknown host nosuchhost.invalid\n");
    }

    @Test
    void anInvertedSlotRangeIsRefused() {
        assertThat(admin("--slots-assign", "--beg=10", "--end=5", "--gid=1")).isEqualTo(1);
        assertThat(console.err()).isEqualTo("codis-admin: invalid slot range [10,5], --beg is after --end\n");
        assertThat(console.out()).isEmpty();
        assertThat(admin("--slots-assign", "--beg=10", "--end=5", "--gid=1", "--confirm")).isEqualTo(1);
        assertThat(admin("--slot-action", "--create-range", "--beg=10", "--end=5", "--gid=1")).isEqualTo(1);
        assertThat(console.err()).isEqualTo("codis-admin: invalid slot range [10,5], --beg is after --end\n");
        assertThat(dashboard.calls()).isEmpty();
    }

    @Test
    void movingSlotsFromAGroupToItselfIsRefused() {
        assertThat(admin("--slot-action", "--create-some", "--gid-from=1", "--gid-to=1", "--num-slots=10")).isEqualTo(1);
        assertThat(console.err()).isEqualTo("codis-admin: --gid-from and --gid-to are the same group 1, no slot would move\n");
        assertThat(dashboard.calls()).isEmpty();
    }

    @Test
    void anOptionTheFormDoesNotUseIsRefused() {
        assertThat(admin("--create-group", "--gid=1", "--addr=127.0.0.1:6379")).isEqualTo(1);
        assertThat(console.err()).isEqualTo("codis-admin: option --addr is not used by --create-group\n");
        assertThat(admin("--slot-action", "--remove", "--sid=5", "--gid=2")).isEqualTo(1);
        assertThat(console.err()).isEqualTo("codis-admin: option --gid is not used by --slot-action --remove\n");
        assertThat(admin("--gid=1")).isEqualTo(1);
        assertThat(console.err()).isEqualTo("codis-admin: option --gid is not used by --dashboard\n");
        assertThat(admin("--rebalance", "--offline")).isEqualTo(1);
        assertThat(console.err()).isEqualTo("codis-admin: option --offline is not used by --rebalance\n");
        assertThat(dashboard.requests()).isEmpty();
    }

    @Test
    void theOperandsOfAFormAndVerboseAreAccepted() {
        assertThat(admin("-v", "--group-add", "--gid=1", "--addr=127.0.0.1:6379", "--datacenter=dc1")).isZero();
        assertThat(admin("--remove-proxy", "--token=abc", "--force")).isZero();
        assertThat(dashboard.calls()).containsExactly("PUT /api/topom/proxy/remove/" + FakeDashboard.XAUTH + "/abc/1");
    }
}
