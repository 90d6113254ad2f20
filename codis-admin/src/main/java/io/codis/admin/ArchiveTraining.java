package io.codis.admin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.codis.common.cli.CommandLines;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The run scripts/launch.sh records into codis-admin's class-data-sharing archive
 * ({@code -XX:ArchiveClassesAtExit}): the forms an operator's scripts call most, each run once in
 * this JVM without touching anything outside a temp dir: the overview and a failed call of a
 * dashboard (a stand-in on loopback), the coordinator forms on a directory, {@code --help} and
 * {@code --version}. What it prints is thrown away.
 */
public final class ArchiveTraining {
    private static final String TOPOM = "{\"token\": \"e7740593f9c46cdeacdd01e93bfc97b0\", \"start_time\": \"\","
            + " \"admin_addr\": \"127.0.0.1:1\", \"product_name\": \"codis-training\", \"pid\": 1, \"pwd\": \"/\", \"sys\": \"\"}";
    private static final String CODIS2_DUMP = "{\"slots\": {\"slot_0\": {\"id\": 0, \"group_id\": 1, \"state\": {\"status\": \"online\"}}},"
            + " \"servers\": {\"group_1\": {\"127.0.0.1:6379\": {\"type\": \"master\", \"group_id\": 1, \"addr\": \"127.0.0.1:6379\"}}}}";

    private ArchiveTraining() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("codis-admin-training-");
        HttpServer dashboard = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        dashboard.createContext("/", ArchiveTraining::answer);
        dashboard.start();
        try {
            String addr = "127.0.0.1:" + dashboard.getAddress().getPort();
            Path v1 = Files.writeString(dir.resolve("v1.json"), CODIS2_DUMP);
            Path v3 = dir.resolve("v3.json");
            String fs = "--filesystem=" + dir.resolve("coordinator");
            run("--help");
            run("--version");
            run("--dashboard=" + addr);
            run("--dashboard=" + addr, "--create-group", "--gid=1");
            run("--dashboard=127.0.0.1:1", "model");
            Files.writeString(v3, run("--config-convert=" + v1));
            run("--config-restore=" + v3, "--product=codis-training", fs, "--confirm");
            run("--config-dump", "--product=codis-training", fs);
            run("--dashboard-list", fs);
            run("--remove-lock", "--product=codis-training", fs);
        } finally {
            dashboard.stop(0);
            delete(dir);
        }
    }

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        CommandLines.execute("codis-admin", new AdminMain(), new PrintWriter(out), new PrintWriter(Writer.nullWriter()), args);
        return out.toString();
    }

    private static void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        exchange.getRequestBody().readAllBytes();
        byte[] body = (path.equals("/api/topom/model") ? TOPOM
                : path.equals("/topom") ? "{\"model\": " + TOPOM + ", \"stats\": {\"online\": true, \"ratio\": 0.5}}"
                : "null").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
