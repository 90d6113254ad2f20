package io.codis.admin.port;

import io.codis.common.cli.FatalError;
import picocli.CommandLine.Option;

/** The options of {@code codis-admin --import}: a source Redis to move into the cluster online. */
public final class ImportForm {
    /** The options --import uses besides its target. */
    public static final java.util.List<String> OPTIONS = java.util.List.of("--from", "--from-auth", "--db", "--all-dbs",
            "--auth", "--rate", "--no-follow", "--replace");

    @Option(names = "--import", description = "copy a Redis server into the cluster as its replica, then follow it.")
    boolean importing;

    @Option(names = "--from", paramLabel = "HOST:PORT", description = "with --import: the source Redis.")
    String from;

    @Option(names = "--from-auth", paramLabel = "AUTH", description = "with --import: the source's password.")
    String fromAuth;

    @Option(names = "--db", paramLabel = "N", description = "with --import: the source DB to copy (default 0).")
    Integer db;

    @Option(names = "--all-dbs", description = "with --import: copy every DB of the source.")
    boolean allDbs;

    @Option(names = "--rate", paramLabel = "OPS", description = "with --import: at most OPS writes a second.")
    int rate;

    @Option(names = "--no-follow", description = "with --import: stop after the snapshot.")
    boolean noFollow;

    @Option(names = "--replace", description = "with --import: overwrite keys the cluster already has.")
    boolean replace;

    public boolean requested() {
        return importing;
    }

    /** The checked settings of this run. */
    public ImportSettings settings(String auth) {
        if (from == null || from.isBlank()) {
            throw new FatalError("--import needs --from=HOST:PORT");
        }
        if (db != null && allDbs) {
            throw new FatalError("--db and --all-dbs are mutually exclusive");
        }
        if (db != null && db < 0) {
            throw new FatalError("invalid --db=" + db);
        }
        if (rate < 0) {
            throw new FatalError("invalid --rate=" + rate);
        }
        return new ImportSettings(Address.parse("--from", from), fromAuth, allDbs ? -1 : db == null ? 0 : db,
                rate, !noFollow, replace, auth);
    }
}
