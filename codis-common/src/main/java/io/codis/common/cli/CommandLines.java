package io.codis.common.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IVersionProvider;

/**
 * Runs a program's picocli command the way the original's docopt parsing behaves: {@code --opt=value}
 * and {@code --opt value}, unambiguous prefixes of long options, {@code --help} to stdout with exit 0,
 * {@code --version} as two lines. Bad flags and fatal errors print one line on stderr and exit 1.
 */
public final class CommandLines {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;

    private CommandLines() {
    }

    /** Parses {@code args} into {@code command}, runs it and returns the process exit status. */
    public static int execute(String program, Object command, String... args) {
        return execute(program, create(command), args);
    }

    /** As {@link #execute(String, Object, String...)}, with the output and error writers the caller chose. */
    public static int execute(String program, Object command, PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = create(command);
        commandLine.setOut(out);
        commandLine.setErr(err);
        return execute(program, commandLine, args);
    }

    private static int execute(String program, CommandLine commandLine, String... args) {
        commandLine.setParameterExceptionHandler((ex, ignored) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println(program + ": " + ex.getMessage() + " (see '" + program + " --help')");
            err.flush();
            return EXIT_FAILURE;
        });
        commandLine.setExecutionExceptionHandler((ex, cl, parsed) -> {
            PrintWriter err = cl.getErr();
            err.println(program + ": " + oneLine(ex));
            err.flush();
            if (!(ex instanceof FatalError)) {
                ex.printStackTrace(err);
                err.flush();
            }
            return EXIT_FAILURE;
        });
        return commandLine.execute(args);
    }

    /** A command line configured like the original's docopt usage, for tests and embedding. */
    public static CommandLine create(Object command) {
        CommandLine commandLine = new CommandLine(command);
        commandLine.setAbbreviatedOptionsAllowed(true);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setOverwrittenOptionsAllowed(false);
        commandLine.setUsageHelpAutoWidth(true);
        return commandLine;
    }

    private static String oneLine(Throwable ex) {
        String message = ex.getMessage();
        if (message == null || message.isBlank()) {
            message = ex.getClass().getSimpleName();
        }
        return message.replace('\n', ' ').strip();
    }

    /** Prints {@link BuildInfo#versionLines()} for {@code --version}. */
    public static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return BuildInfo.current().versionLines();
        }
    }
}
