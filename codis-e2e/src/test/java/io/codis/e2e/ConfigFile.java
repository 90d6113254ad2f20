package io.codis.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One of the shipped TOML files in {@code config/} with some keys set, as an operator edits a copy of it. */
final class ConfigFile {
    private String text;

    private ConfigFile(String text) {
        this.text = text;
    }

    /** {@code config/NAME} of the checkout, e.g. "proxy.toml". */
    static ConfigFile shipped(String name) {
        try {
            return new ConfigFile(Files.readString(Launcher.REPO.resolve("config").resolve(name)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets the (uncommented) string key {@code key} to {@code value}; the key must be in the file. */
    ConfigFile set(String key, String value) {
        return setRaw(key, "\"" + value + "\"");
    }

    /** Sets the (uncommented) integer key {@code key} to {@code value}; the key must be in the file. */
    ConfigFile set(String key, long value) {
        return setRaw(key, Long.toString(value));
    }

    /** Sets the (uncommented) boolean key {@code key} to {@code value}; the key must be in the file. */
    ConfigFile set(String key, boolean value) {
        return setRaw(key, Boolean.toString(value));
    }

    private ConfigFile setRaw(String key, String tomlValue) {
        Pattern line = Pattern.compile("(?m)^" + Pattern.quote(key) + " = .*$");
        if (!line.matcher(text).find()) {
            throw new IllegalArgumentException("no line '" + key + " = ...' in the shipped file");
        }
        text = line.matcher(text).replaceFirst(Matcher.quoteReplacement(key + " = " + tomlValue));
        return this;
    }

    Path writeTo(Path file) {
        try {
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
