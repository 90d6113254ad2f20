package io.codis.ha;

import io.codis.common.cli.CommandLines;
import io.codis.common.cli.FatalError;
import io.codis.common.cli.LogOptions;
import io.codis.common.cli.NotImplementedYet;
import io.codis.common.cli.OptionRules;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code codis-ha}: watches a product through its dashboard and promotes a replica when a master is down. */
@Command(name = "codis-ha", mixinStandardHelpOptions = true, versionProvider = CommandLines.Version.class,
        sortOptions = false,
        customSynopsis = {
            "codis-ha [--log=FILE] [--log-level=LEVEL] [--interval=SECONDS] --dashboard=ADDR [--no-maintains]",
            "codis-ha  --version",
        },
        description = "Polls the dashboard every interval and, when a group's master is down, promotes the"
                + " best replica through the dashboard.")
public final class HaMain implements Callable<Integer> {

    @Mixin
    LogOptions log;

    @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "5", description = "seconds between two checks, default is ${DEFAULT-VALUE}.")
    int interval;

    @Option(names = "--dashboard", paramLabel = "ADDR", description = "the dashboard's admin address.")
    String dashboard;

    @Option(names = "--no-maintains", description = "only check and log; never remove a proxy, promote a replica or shut down a server.")
    boolean noMaintains;

    public static void main(String[] args) {
        System.exit(CommandLines.execute("codis-ha", new HaMain(), args));
    }

    @Override
    public Integer call() {
        log.level();
        OptionRules.required("--dashboard", dashboard);
        if (interval <= 0) {
            throw new FatalError("option --interval = " + interval);
        }
        throw NotImplementedYet.feature("watching the dashboard");
    }
}
