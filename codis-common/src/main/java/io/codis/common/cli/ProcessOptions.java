package io.codis.common.cli;

import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options every long-running server process shares: threads, log, pid file. */
public final class ProcessOptions {

    @Option(names = "--ncpu", paramLabel = "N", description = "number of worker threads, default is the number of CPUs.")
    Integer ncpu;

    @Mixin
    LogOptions log;

    @Option(names = "--pidfile", paramLabel = "FILE", description = "write the process id to FILE; removed at clean exit.")
    Path pidFile;

    /** Whether {@code --ncpu} was given. */
    public boolean hasNcpu() {
        return ncpu != null;
    }

    /** The number of worker threads asked for, or {@code defaultValue}; refuses values below 1. */
    public int ncpu(int defaultValue) {
        if (ncpu == null) {
            return defaultValue;
        }
        if (ncpu < 1) {
            throw new FatalError("option --ncpu = " + ncpu + ", should be at least 1");
        }
        return ncpu;
    }

    public Path pidFile() {
        return pidFile;
    }

    public LogOptions log() {
        return log;
    }
}
