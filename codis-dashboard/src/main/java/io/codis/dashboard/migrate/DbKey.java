package io.codis.dashboard.migrate;

import java.nio.ByteBuffer;

/** A key in one DB of a server, equal to another by its bytes. */
public record DbKey(int db, ByteBuffer key) {
    public static DbKey of(int db, byte[] key) {
        return new DbKey(db, ByteBuffer.wrap(key.clone()).asReadOnlyBuffer());
    }

    public byte[] bytes() {
        byte[] out = new byte[key.remaining()];
        key.duplicate().get(out);
        return out;
    }

    @Override
    public String toString() {
        return "DB[" + db + "] '" + KeyText.of(bytes()) + "'";
    }
}
