package io.codis.dashboard;

import io.codis.common.coordinator.Coordinator;
import io.codis.common.coordinator.CoordinatorListener;
import io.codis.common.coordinator.CoordinatorWatch;
import io.codis.common.coordinator.EphemeralNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A real coordinator that also remembers every document written under a path prefix, in order. */
final class RecordingCoordinator implements Coordinator {
    private final Coordinator real;
    private final String prefix;
    private final List<String> writes = new ArrayList<>();

    RecordingCoordinator(Coordinator real, String prefix) {
        this.real = real;
        this.prefix = prefix;
    }

    synchronized List<String> writes() {
        return List.copyOf(writes);
    }

    @Override
    public void create(String path, byte[] data) {
        real.create(path, data);
    }

    @Override
    public void update(String path, byte[] data) {
        real.update(path, data);
        if (path.startsWith(prefix)) {
            synchronized (this) {
                writes.add(new String(data, StandardCharsets.UTF_8));
            }
        }
    }

    @Override
    public void delete(String path) {
        real.delete(path);
    }

    @Override
    public Optional<byte[]> read(String path) {
        return real.read(path);
    }

    @Override
    public Optional<List<String>> children(String path) {
        return real.children(path);
    }

    @Override
    public EphemeralNode createEphemeral(String path, byte[] data) {
        return real.createEphemeral(path, data);
    }

    @Override
    public CoordinatorWatch watch(String path, CoordinatorListener listener) {
        return real.watch(path, listener);
    }

    @Override
    public void close() {
        real.close();
    }
}
