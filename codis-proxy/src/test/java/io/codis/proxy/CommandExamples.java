package io.codis.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The examples of {@code command-examples.txt}: one valid invocation of every command the proxy allows, in
 * the order they run; the file's header explains its syntax.
 */
public final class CommandExamples {

    /** The function library the FCALL examples call; loaded on each server directly (the plain Redis too). */
    public static final String FUNCTION_LIBRARY = """
            #!lua name=sweep
            redis.register_function('sweep_set', function(keys, args) return redis.call('SET', keys[1], args[1]) end)
            redis.register_function{function_name='sweep_get', flags={'no-writes'},
                callback=function(keys, args) return redis.call('GET', keys[1]) end}
            """;

    private static final Pattern ARGUMENT = Pattern.compile("\"([^\"]*)\"|(\\S+)");
    private static final String PROXY_REPLY = " => ";

    /** What an example's reply through the proxy is checked against. */
    public enum Check {
        /** Exactly plain Redis' reply, which is not an error. */
        SAME,
        /** Exactly plain Redis' reply, which is an error (a command stock Redis lacks). */
        SAME_ERROR,
        /** The same RESP type (and array length) as plain Redis' reply, whose text legitimately differs. */
        SAME_SHAPE,
        /** The proxy's own answer, given in the file; not sent to plain Redis. */
        PROXY_REPLY
    }

    /** One line of the file. {@code proxyReply} is set for {@link Check#PROXY_REPLY} only. */
    public record Example(int line, String family, Check check, List<String> args, String proxyReply) {

        /** The command name, upper case, as the table lists it. */
        public String name() {
            return args.get(0).toUpperCase(Locale.ROOT);
        }

        /** True when the reply is plain Redis' one, so any client prints the same for both. */
        public boolean repliesAsPlainRedis() {
            return check == Check.SAME || check == Check.SAME_ERROR;
        }

        @Override
        public String toString() {
            return "command-examples.txt:" + line + " (" + family + ") " + String.join(" ", args);
        }
    }

    private CommandExamples() {
    }

    /** The examples in file order, with {@code ${backend}} replaced by {@code backendOfSlot0}. */
    public static List<Example> load(String backendOfSlot0) {
        List<Example> examples = new ArrayList<>();
        String family = "";
        List<String> lines = read().lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip().replace("${backend}", backendOfSlot0);
            if (line.startsWith("## ")) {
                family = line.substring(3);
            } else if (!line.isEmpty() && !line.startsWith("#")) {
                examples.add(parse(i + 1, family, line));
            }
        }
        return examples;
    }

    private static Example parse(int number, String family, String line) {
        if (line.startsWith("! ")) {
            return new Example(number, family, Check.SAME_ERROR, arguments(line.substring(2)), null);
        }
        if (line.startsWith("~ ")) {
            return new Example(number, family, Check.SAME_SHAPE, arguments(line.substring(2)), null);
        }
        int arrow = line.indexOf(PROXY_REPLY);
        if (arrow >= 0) {
            String reply = line.substring(arrow + PROXY_REPLY.length()).replace("\\r\\n", "\r\n");
            return new Example(number, family, Check.PROXY_REPLY, arguments(line.substring(0, arrow)), reply);
        }
        return new Example(number, family, Check.SAME, arguments(line), null);
    }

    private static List<String> arguments(String text) {
        List<String> args = new ArrayList<>();
        Matcher matcher = ARGUMENT.matcher(text);
        while (matcher.find()) {
            args.add(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
        }
        return List.copyOf(args);
    }

    private static String read() {
        try (InputStream in = CommandExamples.class.getResourceAsStream("command-examples.txt")) {
            if (in == null) {
                throw new IllegalStateException("command-examples.txt is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
