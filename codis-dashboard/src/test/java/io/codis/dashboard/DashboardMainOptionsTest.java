package io.codis.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.codis.common.cli.CommandLines;
import io.codis.common.config.DashboardConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** codis-dashboard's coordinator options, parsed in this JVM: the override of the config, the refusals. */
class DashboardMainOptionsTest {
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return CommandLines.execute("codis-dashboard", new DashboardMain(), new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true), args);
    }

    private static DashboardConfig loaded(String... args) {
        DashboardMain main = new DashboardMain();
        CommandLines.create(main).parseArgs(args);
        return main.loadConfig();
    }

    @Test
    void aCoordinatorOptionOverridesTheConfigsAndKeepsItsAuth() {
        DashboardConfig zk = loaded("--zookeeper=10.0.0.1:2181");
        assertThat(zk.coordinatorName()).isEqualTo("zookeeper");
        assertThat(zk.coordinatorAddr()).isEqualTo("10.0.0.1:2181");
        DashboardConfig fs = loaded("--filesystem=some/root");
        assertThat(fs.coordinatorName()).isEqualTo("filesystem");
        assertThat(fs.coordinatorAddr()).isEqualTo(Path.of("some/root").toAbsolutePath().toString());
        assertThat(loaded().coordinatorAddr()).isEqualTo("/tmp/codis");
    }

    @Test
    void twoCoordinatorsOrAnAuthOptionAreRefused() {
        assertThat(run("--zookeeper=a:1", "--etcd=b:2")).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("codis-dashboard: options --zookeeper and --etcd cannot be used together\n");
        err.getBuffer().setLength(0);
        assertThat(run("--etcd=b:2", "--etcd-auth=u:p")).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("codis-dashboard: Unknown option: '--etcd-auth=u:p' (see 'codis-dashboard --help')\n");
    }
}
