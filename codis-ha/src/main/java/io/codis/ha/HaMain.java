package io.codis.ha;

import io.codis.common.cli.CommandLines;
import io.codis.common.cli.FatalError;
import io.codis.common.cli.LogOptions;
import io.codis.common.api.ApiCalls;
import io.codis.common.api.DashboardApi;
import io.codis.common.cli.OptionRules;
import io.codis.common.cli.ProcessSignals;
import io.codis.common.json.JsonCodec;
import io.codis.common.model.Topom;
import io.codis.common.rpc.ApiClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
    private static final Logger LOG = LoggerFactory.getLogger(HaMain.class);

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
        log.configureLogging();
        LOG.warn("set dashboard = {}", dashboard);
        LOG.warn("set interval = {} (seconds)", interval);
        DashboardApi api = new DashboardApi(new ApiClient(), dashboard, ApiCalls.DIRECT);
        Topom model;
        try {
            model = api.model();
        } catch (RuntimeException e) {
            throw new FatalError("call rpc model to dashboard " + dashboard + " failed, " + e.getMessage(), e);
        }
        LOG.warn("topom = {}", JsonCodec.pretty(model));
        HaLoop loop = new HaLoop(api, interval, !noMaintains);
        ProcessSignals.onTermination(signal -> {
            LOG.warn("codis-ha receive signal = '{}'", signal);
            loop.close();
        });
        loop.run();
        return CommandLines.EXIT_OK;
    }
}
