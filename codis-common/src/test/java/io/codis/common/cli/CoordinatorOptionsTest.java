package io.codis.common.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The coordinator options as a program's command line takes them: choice, checks, error lines, help. */
class CoordinatorOptionsTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Command(name = "prog", mixinStandardHelpOptions = true, resourceBundle = "io.codis.common.cli.CoordinatorOptionsTest$Wording")
    static final class WithAuth implements Callable<Integer> {
        @Option(names = "--dashboard", paramLabel = "ADDR")
        String dashboard;

        @Mixin
        CoordinatorOptions coordinator;

        String chosen;

        @Override
        public Integer call() {
            Map<String, Object> choices = OptionRules.options("--dashboard", dashboard);
            choices.putAll(coordinator.alternatives());
            coordinator.check(choices, true);
            chosen = coordinator.name() + " " + coordinator.addr() + " " + coordinator.auth();
            return 0;
        }
    }

    @Command(name = "prog", mixinStandardHelpOptions = true, modelTransformer = CoordinatorOptions.WithoutAuth.class)
    static final class WithoutAuth implements Callable<Integer> {
        @Mixin
        CoordinatorOptions coordinator;

        @Override
        public Integer call() {
            coordinator.check(coordinator.alternatives(), false);
            return 0;
        }
    }

    public static final class Wording extends CoordinatorOptions.Help {
        public Wording() {
            super("zk here.", "etcd here.", "fs here.");
        }
    }

    private int run(Object command, String... args) {
        return CommandLines.execute("prog", command, new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void theCoordinatorGivenWithItsAuth() {
        WithAuth command = new WithAuth();
        assertThat(run(command, "--zookeeper=10.0.0.1:2181", "--zookeeper-auth=u:p")).isZero();
        assertThat(command.chosen).isEqualTo("zookeeper 10.0.0.1:2181 u:p");
        WithAuth fs = new WithAuth();
        assertThat(run(fs, "--filesystem=rel/dir")).isZero();
        assertThat(fs.chosen).isEqualTo("filesystem " + Path.of("rel/dir").toAbsolutePath() + " null");
    }

    @Test
    void twoChoicesNoneOrAnAuthWithoutItsCoordinatorAreRefusedInOneLine() {
        assertThat(run(new WithAuth(), "--dashboard=a:1", "--etcd=b:2")).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("prog: options --dashboard and --etcd cannot be used together\n");
        err.getBuffer().setLength(0);
        assertThat(run(new WithAuth())).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("prog: one of --dashboard, --zookeeper, --etcd, --filesystem is required\n");
        err.getBuffer().setLength(0);
        assertThat(run(new WithAuth(), "--zookeeper=a:1", "--etcd-auth=u:p")).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("prog: option --etcd-auth needs --etcd\n");
    }

    @Test
    void aProgramWordsTheHelpAndMayDropTheAuthOptions() {
        assertThat(run(new WithAuth(), "--help")).isZero();
        assertThat(out.toString()).contains("--zookeeper=ADDR", "zk here.", "--zookeeper-auth=USR:PWD",
                "ZooKeeper digest credentials.", "etcd here.", "--etcd-auth=USR:PWD", "fs here.");
        out.getBuffer().setLength(0);
        assertThat(run(new WithoutAuth(), "--help")).isZero();
        assertThat(out.toString()).contains("--zookeeper=ADDR", "the ZooKeeper coordinator.").doesNotContain("-auth");
        assertThat(run(new WithoutAuth(), "--zookeeper=a:1", "--zookeeper-auth=u:p")).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("prog: Unknown option: '--zookeeper-auth=u:p' (see 'prog --help')\n");
    }

    @Test
    void aCoordinatorThatCannotBeOpenedSaysWhichAndWhy() {
        assertThatThrownBy(() -> CoordinatorOptions.open("nosuch", "x", null, null)).isInstanceOf(FatalError.class)
                .hasMessage("create 'nosuch' client to 'x' failed, invalid coordinator name = nosuch");
    }
}
