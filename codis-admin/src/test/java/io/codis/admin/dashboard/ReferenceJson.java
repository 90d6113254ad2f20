package io.codis.admin.dashboard;

import io.codis.common.status.DashboardStats;
import com.fasterxml.jackson.databind.JsonNode;
import io.codis.common.json.JsonCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The reference's example bodies, kept under {@code src/test/resources/dashboard/}. */
final class ReferenceJson {
    private ReferenceJson() {
    }

    static String text(String name) {
        try (InputStream in = ReferenceJson.class.getResourceAsStream("/dashboard/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource /dashboard/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode tree(String name) {
        return JsonCodec.readTree(text(name).getBytes(StandardCharsets.UTF_8));
    }

    /** The reference's Stats example, with a second proxy and group for the status-line examples. */
    static DashboardStats stats() {
        return DashboardStats.of(tree("stats.json"));
    }
}
