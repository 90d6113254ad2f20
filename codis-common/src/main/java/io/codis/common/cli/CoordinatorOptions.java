package io.codis.common.cli;

import static io.codis.common.cli.OptionRules.options;

import io.codis.common.coordinator.Coordinator;
import io.codis.common.coordinator.Coordinators;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ListResourceBundle;
import java.util.Map;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The coordinator a program is pointed at on its command line: {@code --zookeeper=ADDR
 * [--zookeeper-auth=USR:PWD] | --etcd=ADDR [--etcd-auth=USR:PWD] | --filesystem=ROOT}. A program
 * words the help of the three addresses in its resource bundle (keys {@code zookeeper},
 * {@code etcd}, {@code filesystem}); one whose coordinator auth comes only from its config file
 * drops the two auth options with {@link WithoutAuth}.
 */
public final class CoordinatorOptions {
    private static final List<String> AUTH_OPTIONS = List.of("--zookeeper-auth", "--etcd-auth");

    @Option(names = "--zookeeper", paramLabel = "ADDR", descriptionKey = "zookeeper", description = "the ZooKeeper coordinator.")
    String zookeeper;

    @Option(names = "--zookeeper-auth", paramLabel = "USR:PWD", description = "ZooKeeper digest credentials.")
    String zookeeperAuth;

    @Option(names = "--etcd", paramLabel = "ADDR", descriptionKey = "etcd", description = "the etcd coordinator.")
    String etcd;

    @Option(names = "--etcd-auth", paramLabel = "USR:PWD", description = "etcd credentials.")
    String etcdAuth;

    @Option(names = "--filesystem", paramLabel = "ROOT", descriptionKey = "filesystem", description = "the filesystem coordinator.")
    Path filesystem;

    /** Whether one of the three coordinators was given. */
    public boolean isGiven() {
        return zookeeper != null || etcd != null || filesystem != null;
    }

    /** {@code --zookeeper}, {@code --etcd} and {@code --filesystem} with their values, for {@link OptionRules}. */
    public Map<String, Object> alternatives() {
        return options("--zookeeper", zookeeper, "--etcd", etcd, "--filesystem", filesystem);
    }

    /**
     * Refuses more than one of {@code choices} (the {@link #alternatives()} and the options that
     * exclude a coordinator, e.g. {@code --dashboard}, in the order of the usage line), or none of
     * them when {@code required}; and an auth without its coordinator
     * ({@code option --etcd-auth needs --etcd}).
     */
    public void check(Map<String, Object> choices, boolean required) {
        if (required) {
            OptionRules.exactlyOne(choices);
        } else {
            OptionRules.atMostOne(choices);
        }
        OptionRules.requires("--zookeeper-auth", zookeeperAuth, "--zookeeper", zookeeper);
        OptionRules.requires("--etcd-auth", etcdAuth, "--etcd", etcd);
    }

    /** {@code zookeeper}, {@code etcd} or {@code filesystem}; null when none was given. */
    public String name() {
        return zookeeper != null ? "zookeeper" : etcd != null ? "etcd" : filesystem != null ? "filesystem" : null;
    }

    /** The address given; for the filesystem, the root as an absolute path. */
    public String addr() {
        return zookeeper != null ? zookeeper : etcd != null ? etcd
                : filesystem != null ? filesystem.toAbsolutePath().toString() : null;
    }

    /** The {@code --zookeeper-auth} or {@code --etcd-auth} of the coordinator given, or null. */
    public String auth() {
        return zookeeper != null ? zookeeperAuth : etcd != null ? etcdAuth : null;
    }

    /** A client of the coordinator given; fails with {@code create '{name}' client to '{addr}' failed, {reason}}. */
    public Coordinator open(Duration timeout) {
        return open(name(), addr(), auth(), timeout);
    }

    /** A client of coordinator {@code name} at {@code addr}, failing as {@link #open(Duration)} does. */
    public static Coordinator open(String name, String addr, String auth, Duration timeout) {
        try {
            return Coordinators.open(name, addr, auth, timeout);
        } catch (RuntimeException e) {
            throw new FatalError("create '" + name + "' client to '" + addr + "' failed, " + e.getMessage(), e);
        }
    }

    /**
     * A program's wording of the three coordinator options (and of any other option, by key), for
     * its {@code @Command(resourceBundle = ...)}: a subclass with a no-argument constructor.
     */
    public abstract static class Help extends ListResourceBundle {
        private final Object[][] contents;

        protected Help(String zookeeper, String etcd, String filesystem, String... otherKeysAndTexts) {
            List<Object[]> entries = new ArrayList<>(List.of(new Object[] {"zookeeper", zookeeper},
                    new Object[] {"etcd", etcd}, new Object[] {"filesystem", filesystem}));
            for (int i = 0; i < otherKeysAndTexts.length; i += 2) {
                entries.add(new Object[] {otherKeysAndTexts[i], otherKeysAndTexts[i + 1]});
            }
            this.contents = entries.toArray(Object[][]::new);
        }

        @Override
        protected Object[][] getContents() {
            return contents;
        }
    }

    /** Drops {@code --zookeeper-auth} and {@code --etcd-auth} from a command that takes the auth from its config file. */
    public static final class WithoutAuth implements IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            AUTH_OPTIONS.forEach(name -> spec.remove(spec.findOption(name)));
            return spec;
        }
    }
}
