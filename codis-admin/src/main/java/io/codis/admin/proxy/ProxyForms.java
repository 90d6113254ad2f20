package io.codis.admin.proxy;

import static io.codis.common.cli.OptionRules.options;

import io.codis.admin.UnusedOptions;
import io.codis.common.cli.FatalError;
import io.codis.common.cli.OptionRules;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options of {@code codis-admin --proxy=ADDR [--auth=AUTH]} (two of which, {@code --shutdown}
 * and {@code --log-level}, {@code --dashboard} shares) and the choice of its form from them.
 */
public final class ProxyForms {
    private static final List<String> MEMBERS = List.of("config", "model", "stats", "slots");

    @Option(names = "--start", description = "put the proxy online.")
    boolean start;

    @Option(names = "--shutdown", description = "shut the proxy or the dashboard down.")
    boolean shutdown;

    @Option(names = "--log-level", paramLabel = "LEVEL", description = "change the log level of the proxy or the dashboard.")
    String logLevel;

    @Option(names = "--fillslots", paramLabel = "FILE", description = "fill the proxy's slots from FILE, a JSON array of slots.")
    Path fillslots;

    @Option(names = "--locked", description = "with --fillslots: fill the slots locked.")
    boolean locked;

    @Option(names = "--reset-stats", description = "reset the proxy's counters.")
    boolean resetStats;

    @Option(names = "--forcegc", description = "run a garbage collection in the proxy.")
    boolean forcegc;

    /** {@code --fillslots}, {@code --reset-stats} and the other options {@code --dashboard} does not take. */
    public Map<String, Object> proxyOnly() {
        return options("--start", start, "--fillslots", fillslots, "--reset-stats", resetStats, "--forcegc", forcegc);
    }

    /** {@code --shutdown}. */
    public boolean shutdown() {
        return shutdown;
    }

    /** {@code --log-level}, or null. */
    public String logLevel() {
        return logLevel;
    }

    /** Runs the form chosen with {@code proxy}; {@code what} is the overview member asked for, if any. */
    public void run(ProxyCommands proxy, String what, UnusedOptions given) {
        Map<String, Object> forms = options("--start", start, "--shutdown", shutdown, "--log-level", logLevel,
                "--fillslots", fillslots, "--reset-stats", resetStats, "--forcegc", forcegc);
        String form = OptionRules.chosen(forms, "--proxy");
        OptionRules.requires("--locked", locked, "--fillslots", fillslots);
        if (what != null && (!form.equals("--proxy") || !MEMBERS.contains(what))) {
            throw new FatalError("unexpected argument '" + what + "' with --proxy, expected one of "
                    + String.join("|", MEMBERS));
        }
        given.refuse("--proxy", form, "--auth", "--locked");
        switch (form) {
            case "--start" -> proxy.start();
            case "--shutdown" -> proxy.shutdown();
            case "--log-level" -> proxy.logLevel(logLevel);
            case "--fillslots" -> proxy.fillSlots(fillslots, locked);
            case "--reset-stats" -> proxy.resetStats();
            case "--forcegc" -> proxy.forceGc();
            default -> proxy.overview(what);
        }
    }
}
