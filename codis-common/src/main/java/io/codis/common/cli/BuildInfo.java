package io.codis.common.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The build's version and compile strings, as every program prints them for {@code --version}. */
public record BuildInfo(String version, String compile) {

    private static final BuildInfo CURRENT = load();

    public static BuildInfo current() {
        return CURRENT;
    }

    /** The two lines of {@code --version}, as the original prints them. */
    public String[] versionLines() {
        return new String[] {"version: " + version, "compile: " + compile};
    }

    /** Whether {@code compile} is the compile string of the original's Go build ({@code "... by go version go1.x ..."}). */
    public static boolean isGoBuild(String compile) {
        return compile.contains(" by go version ");
    }

    private static BuildInfo load() {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new BuildInfo(properties.getProperty("version", "unknown"), properties.getProperty("compile", "unknown"));
    }
}
