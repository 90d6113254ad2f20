package io.codis.common.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.TimeBasedRollingPolicy;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Where and how much a process logs. Without a file the log goes to standard error; with
 * {@code --log=FILE} it goes to {@code FILE.YYYY-MM-DD}, a new file each local day, old ones kept,
 * as the original does.
 */
public final class Logs {
    private static final String PATTERN = "%d{yyyy/MM/dd HH:mm:ss} %logger{0}: [%level] %msg%n";
    /** Libraries whose INFO and DEBUG chatter an operator never asked for: they log WARN and above only. */
    private static final java.util.List<String> QUIET_LIBRARIES = java.util.List.of("org.eclipse.jetty", "io.javalin",
            "org.apache.zookeeper", "org.apache.curator", "io.etcd", "io.grpc");
    /**
     * Libraries that log a WARN for every reconnect attempt while their server is down (ZooKeeper's
     * client, about once a second, with a stack trace): shown at DEBUG only; the coordinator client
     * reports the outage itself, once.
     */
    private static final java.util.List<String> RECONNECT_CHATTER = java.util.List.of("org.apache.zookeeper.ClientCnxn");

    private Logs() {
    }

    /** Sends every log line to standard error, or to the daily files of {@code logFile} when not null. */
    public static void configure(Path logFile, LogLevel level) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();

        OutputStreamAppender<ILoggingEvent> appender = logFile == null ? stderr(context) : daily(context, logFile);
        appender.setEncoder(encoder);
        appender.start();

        Logger root = root();
        root.addAppender(appender);
        setLevel(level);
    }

    /** Changes the level of every logger of the process, at once. */
    public static void setLevel(LogLevel level) {
        root().setLevel(level.logbackLevel());
        Level quiet = level.logbackLevel().isGreaterOrEqual(Level.WARN) ? level.logbackLevel() : Level.WARN;
        for (String library : QUIET_LIBRARIES) {
            ((Logger) LoggerFactory.getLogger(library)).setLevel(quiet);
        }
        Level root = level.logbackLevel();
        Level reconnects = root.isGreaterOrEqual(Level.INFO) ? higher(root, Level.ERROR) : quiet;
        for (String library : RECONNECT_CHATTER) {
            ((Logger) LoggerFactory.getLogger(library)).setLevel(reconnects);
        }
    }

    private static Level higher(Level a, Level b) {
        return a.isGreaterOrEqual(b) ? a : b;
    }

    public static LogLevel level() {
        Level current = root().getLevel();
        for (LogLevel level : LogLevel.values()) {
            if (level.logbackLevel().equals(current)) {
                return level;
            }
        }
        return LogLevel.INFO;
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    private static ConsoleAppender<ILoggingEvent> stderr(LoggerContext context) {
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName("stderr");
        appender.setTarget("System.err");
        return appender;
    }

    private static RollingFileAppender<ILoggingEvent> daily(LoggerContext context, Path logFile) {
        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setName("daily");
        TimeBasedRollingPolicy<ILoggingEvent> policy = new TimeBasedRollingPolicy<>();
        policy.setContext(context);
        policy.setParent(appender);
        policy.setFileNamePattern(logFile.toAbsolutePath() + ".%d{yyyy-MM-dd}");
        policy.setMaxHistory(0);
        policy.start();
        appender.setRollingPolicy(policy);
        return appender;
    }
}
