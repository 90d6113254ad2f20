package io.codis.common.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import io.codis.common.json.JsonCodec;
import io.codis.common.json.JsonDecodeException;
import io.codis.common.model.Slot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The {@code --fillslots=FILE} of codis-proxy and codis-admin: a JSON array of slots; null elements
 * are dropped. Unreadable or undecodable files are fatal with the original's texts.
 */
public final class SlotsFile {
    private SlotsFile() {
    }

    public static List<Slot> read(Path file) {
        byte[] json;
        try {
            json = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new FatalError("load slots from file failed, " + e, e);
        }
        try {
            List<Slot> slots = JsonCodec.read(json, new TypeReference<List<Slot>>() { });
            return slots == null ? List.of() : slots.stream().filter(Objects::nonNull).toList();
        } catch (JsonDecodeException e) {
            throw new FatalError("decode slots from json failed, " + e.getMessage(), e);
        }
    }
}
