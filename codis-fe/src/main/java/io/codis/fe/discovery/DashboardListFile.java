package io.codis.fe.discovery;

import com.fasterxml.jackson.core.type.TypeReference;
import io.codis.common.json.JsonCodec;
import io.codis.common.json.JsonDecodeException;
import io.codis.common.model.ProductDashboard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code --dashboard-list=FILE}: the JSON array {@code [{"name": ..., "dashboard": ...}]} that
 * {@code codis-admin --dashboard-list} prints, re-read on every load; later duplicates of a name win.
 * The file counts as changed when its bytes differ from those of the last load.
 */
public final class DashboardListFile implements DashboardSource {
    private static final TypeReference<List<ProductDashboard>> LIST = new TypeReference<>() { };

    private final Path file;
    private volatile byte[] lastLoaded;

    public DashboardListFile(Path file) {
        this.file = file;
    }

    @Override
    public Map<String, String> load() throws IOException {
        byte[] json = Files.readAllBytes(file);
        lastLoaded = json;
        List<ProductDashboard> list;
        try {
            list = JsonCodec.read(json, LIST);
        } catch (JsonDecodeException e) {
            throw new IOException("decode json failed", e);
        }
        Map<String, String> dashboards = new LinkedHashMap<>();
        if (list != null) {
            list.stream().filter(Objects::nonNull).forEach(entry -> dashboards.put(entry.name(), entry.dashboard()));
        }
        return dashboards;
    }

    @Override
    public boolean changedSinceLoad() {
        try {
            return !Arrays.equals(lastLoaded, Files.readAllBytes(file));
        } catch (IOException e) {
            return lastLoaded != null;
        }
    }
}
