package io.codis.common.model;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** What the dashboard and proxy models say about the process itself: pid, pwd, sys, hostname. */
public final class ThisProcess {
    private ThisProcess() {
    }

    public static int pid() {
        return (int) ProcessHandle.current().pid();
    }

    /** The working directory. */
    public static String pwd() {
        return Path.of("").toAbsolutePath().toString();
    }

    /** The OS host name, as Go's {@code os.Hostname()}. */
    public static String hostname() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException | RuntimeException e) {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (IOException unknown) {
                return "";
            }
        }
    }

    /** The output of {@code uname -a}, trimmed; the OS name and version when it cannot be run. */
    public static String sys() {
        try {
            Process uname = new ProcessBuilder("uname", "-a").redirectErrorStream(true).start();
            String output = new String(uname.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (uname.waitFor(5, TimeUnit.SECONDS) && uname.exitValue() == 0) {
                return output;
            }
        } catch (IOException e) {
            // fall back below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return System.getProperty("os.name") + " " + hostname() + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch");
    }
}
