package io.codis.fe.assets;

import io.codis.common.cli.FatalError;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The static files of the console: the UI built into the jar, or the directory of {@code --assets-dir}
 * (which must hold {@code index.html}). A path names a file as is; a directory path ending in
 * {@code /} names its {@code index.html}; a directory path without the slash is redirected to it.
 * Nothing outside the root is ever served.
 */
public final class Assets {
    public static final String INDEX = "index.html";
    private static final String BUILT_IN = "/io/codis/fe/assets";
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"), Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"), Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"), Map.entry("map", "application/json"),
            Map.entry("svg", "image/svg+xml"), Map.entry("png", "image/png"), Map.entry("ico", "image/x-icon"),
            Map.entry("gif", "image/gif"), Map.entry("jpg", "image/jpeg"), Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("woff", "font/woff"), Map.entry("woff2", "font/woff2"), Map.entry("ttf", "font/ttf"),
            Map.entry("eot", "application/vnd.ms-fontobject"));

    /** What a path of the assets is. */
    public sealed interface Found permits File, Redirect {
    }

    /** A file to send. */
    public record File(byte[] content, String contentType, long lastModifiedMillis) implements Found {
    }

    /** A directory asked without its trailing slash. */
    public record Redirect(String location) implements Found {
    }

    private final Path directory;
    private final long startedMillis = System.currentTimeMillis() / 1000 * 1000;

    private Assets(Path directory) {
        this.directory = directory;
    }

    /** The UI in the jar. */
    public static Assets builtIn() {
        return new Assets(null);
    }

    /** The files under {@code directory}; fails with {@code get stat of {dir}/index.html failed} without one. */
    public static Assets directory(Path directory) {
        Path root = directory.toAbsolutePath().normalize();
        Path index = root.resolve(INDEX);
        if (!Files.isRegularFile(index)) {
            throw new FatalError("get stat of " + index + " failed");
        }
        return new Assets(root);
    }

    /** The directory served, or {@code (built-in)}. */
    public String describe() {
        return directory == null ? "(built-in)" : directory.toString();
    }

    /** The asset at URL path {@code urlPath} (already percent-decoded), if there is one. */
    public Optional<Found> find(String urlPath) {
        if (!urlPath.startsWith("/") || urlPath.contains("\0")) {
            return Optional.empty();
        }
        String relative = urlPath.substring(1);
        for (String segment : relative.split("/", -1)) {
            if (segment.equals("..") || segment.contains("\\")) {
                return Optional.empty();
            }
        }
        return directory == null ? builtIn(relative) : inDirectory(urlPath, relative);
    }

    private Optional<Found> inDirectory(String urlPath, String relative) {
        Path file = directory.resolve(relative).normalize();
        if (!file.startsWith(directory)) {
            return Optional.empty();
        }
        if (Files.isDirectory(file)) {
            if (!Files.isRegularFile(file.resolve(INDEX))) {
                return Optional.empty();
            }
            if (!urlPath.endsWith("/")) {
                return Optional.of(new Redirect(urlPath + "/"));
            }
            file = file.resolve(INDEX);
        }
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new File(Files.readAllBytes(file), contentType(file.getFileName().toString()),
                    Files.getLastModifiedTime(file).toMillis() / 1000 * 1000));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private Optional<Found> builtIn(String relative) {
        String name = relative.isEmpty() || relative.endsWith("/") ? relative + INDEX : relative;
        URL resource = Assets.class.getResource(BUILT_IN + "/" + name);
        if (resource == null || !isFile(resource)) {
            return Optional.empty();
        }
        try (InputStream in = resource.openStream()) {
            return Optional.of(new File(in.readAllBytes(), contentType(name), startedMillis));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A class-path directory opens as a listing; only names with an extension are files of the UI. */
    private static boolean isFile(URL resource) {
        String path = resource.getPath();
        return path.substring(path.lastIndexOf('/') + 1).contains(".");
    }

    static String contentType(String fileName) {
        int dot = fileName.lastIndexOf('.');
        String extension = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        String type = TYPES.get(extension);
        if (type != null) {
            return type;
        }
        String guessed = URLConnection.guessContentTypeFromName(fileName);
        return guessed != null ? guessed : "application/octet-stream";
    }
}
