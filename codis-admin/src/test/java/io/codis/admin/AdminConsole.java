package io.codis.admin;

import io.codis.common.cli.CommandLines;
import java.io.PrintWriter;
import java.io.StringWriter;

/** codis-admin run in this JVM as its command line runs it, keeping what the last run printed. */
public final class AdminConsole {
    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    /** Runs {@code codis-admin ARGS...}; returns its exit status. */
    public int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return CommandLines.execute("codis-admin", new AdminMain(), new PrintWriter(out, true), new PrintWriter(err, true),
                args);
    }

    /** What the last run printed on standard output. */
    public String out() {
        return out.toString();
    }

    /** What the last run printed on standard error. */
    public String err() {
        return err.toString();
    }
}
