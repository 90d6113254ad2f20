package io.codis.common.cli;

import io.codis.common.log.LogLevel;
import io.codis.common.log.Logs;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --log} and {@code --log-level}, shared by every Codis process. */
public final class LogOptions {

    @Option(names = {"-l", "--log"}, paramLabel = "FILE", description = "set path/name of daily rotated log file (FILE.YYYY-MM-DD).")
    Path logFile;

    @Option(names = "--log-level", paramLabel = "LEVEL", description = "set the log-level, should be INFO,WARN,DEBUG or ERROR, default is INFO.")
    String logLevel;

    /** The level asked with {@code --log-level}, INFO when absent; refuses unknown names. */
    public LogLevel level() {
        if (logLevel == null) {
            return LogLevel.INFO;
        }
        return LogLevel.parse(logLevel).orElseThrow(() -> new FatalError("option --log-level = " + logLevel));
    }

    /** Applies {@code --log} and {@code --log-level} to the process's logging. */
    public void configureLogging() {
        Logs.configure(logFile, level());
    }
}
