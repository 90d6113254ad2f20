package io.codis.proxy;

import io.codis.common.cli.FatalError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code --ulimit=N}: refuses to start when the process may open fewer than N files, as {@code ulimit -n} tells. */
final class OpenFilesLimit {
    private OpenFilesLimit() {
    }

    static void require(int atLeast) {
        String current = current();
        if (!current.equals("unlimited") && Long.parseLong(current) < atLeast) {
            throw new FatalError("ulimit too small: " + current + ", should be at least " + atLeast);
        }
    }

    /** The soft limit of open files, {@code unlimited} or a number. */
    private static String current() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max open files")) {
                    return line.substring("Max open files".length()).strip().split("\\s+")[0];
                }
            }
        } catch (IOException e) {
            throw new FatalError("run 'ulimit -n' failed, " + e.getMessage(), e);
        }
        throw new FatalError("run 'ulimit -n' failed, no open files limit in /proc/self/limits");
    }
}
