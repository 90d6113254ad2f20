package io.codis.common.coordinator.fs;

import io.codis.common.coordinator.NodeExistsException;
import io.codis.common.testkit.Await;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A separate JVM that opens a filesystem store, says "ready", waits for a start file, then tries to
 * create a node and says "won" or "lost". Started by {@link FilesystemCoordinatorTest}.
 */
public final class CreateRacer {
    private CreateRacer() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        String node = args[1];
        Path start = Path.of(args[2]);
        String name = args[3];
        try (FilesystemCoordinator store = new FilesystemCoordinator(root)) {
            System.out.println("ready");
            System.out.flush();
            Await.until("the start file " + start, Duration.ofMinutes(1), Duration.ofMillis(1), () -> Files.exists(start));
            try {
                store.create(node, name.getBytes(StandardCharsets.UTF_8));
                System.out.println("won");
            } catch (NodeExistsException e) {
                System.out.println("lost");
            }
            System.out.flush();
        }
    }
}
