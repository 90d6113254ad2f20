package io.codis.common.coordinator.fs;

import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;

/**
 * A separate JVM that takes a filesystem store's {@code data.lck} as another Codis process would,
 * says "locked" and holds it until killed. Started by {@link FilesystemCoordinatorTest}.
 */
public final class DataLockHolder {
    private DataLockHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (RandomAccessFile file = new RandomAccessFile(args[0], "rw");
             FileChannel channel = file.getChannel();
             FileLock lock = channel.lock()) {
            channel.truncate(0);
            channel.write(java.nio.ByteBuffer.wrap(("{\"pid\": " + ProcessHandle.current().pid()
                    + ", \"now\": \"held by test\"}").getBytes(StandardCharsets.UTF_8)), 0);
            System.out.println("locked");
            System.out.flush();
            Thread.sleep(60_000);
        }
    }
}
