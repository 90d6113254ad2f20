package io.codis.proxy.forward;

import io.codis.common.resp.RespRequest;
import io.codis.common.resp.RespWriter;
import io.codis.common.rpc.HostPort;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes {@code MIGRATE {host} {port} "" {db} 3000 [AUTH {product_auth}] KEYS k1 ... kn}: the command
 * that moves some keys of a request from a migration source to the target (never {@code REPLACE}, so a
 * key on both sides fails with {@code BUSYKEY} and stays where it is). The parts that do not depend on
 * the keys are encoded once (per target address, per DB), so a command costs one pooled buffer.
 * Shared by the sessions of all event loops.
 */
public final class MigrateCommand {

    /** The original's timeout for moving one key in its sync method. */
    static final int TIMEOUT_MILLIS = 3000;

    private static final byte[] NAME = bulks("MIGRATE");

    /** {@code $len\r\nhost\r\n$len\r\nport\r\n$0\r\n\r\n} per target address. */
    private final ConcurrentHashMap<String, byte[]> targets = new ConcurrentHashMap<>();
    /** {@code db timeout [AUTH password] KEYS} per DB, as bulk strings. */
    private final byte[][] tails;
    /** The arguments before the keys. */
    private final int fixedArgs;

    /** @param productAuth the backends' password ("" for none), sent to the target by the source */
    public MigrateCommand(String productAuth, int numberDatabases) {
        boolean auth = !productAuth.isEmpty();
        this.fixedArgs = auth ? 9 : 7;
        this.tails = new byte[numberDatabases][];
        for (int db = 0; db < numberDatabases; db++) {
            tails[db] = auth ? bulks(Integer.toString(db), Integer.toString(TIMEOUT_MILLIS), "AUTH", productAuth, "KEYS")
                    : bulks(Integer.toString(db), Integer.toString(TIMEOUT_MILLIS), "KEYS");
        }
    }

    /**
     * The MIGRATE of the keys at arguments {@code keyArgs[0 .. count)} of {@code request} to
     * {@code target}, for DB {@code db}; the caller owns the buffer.
     *
     * @throws IllegalArgumentException when {@code target} is not a {@code host:port}
     */
    ByteBuf write(String target, int db, RespRequest request, int[] keyArgs, int count) {
        byte[] hostPort = targets.get(target);
        if (hostPort == null) {
            hostPort = hostPort(target);
            targets.putIfAbsent(target, hostPort);
        }
        byte[] tail = tails[db];
        int size = 16 + NAME.length + hostPort.length + tail.length;
        for (int i = 0; i < count; i++) {
            size += request.argLength(keyArgs[i]) + 16;
        }
        ByteBuf out = PooledByteBufAllocator.DEFAULT.buffer(size);
        RespWriter.writeArrayHeader(out, fixedArgs + count);
        out.writeBytes(NAME).writeBytes(hostPort).writeBytes(tail);
        for (int i = 0; i < count; i++) {
            request.writeBulkArgs(out, keyArgs[i], 1);
        }
        return out;
    }

    private static byte[] hostPort(String target) {
        HostPort split = HostPort.parse(target);
        return bulks(split.host(), Integer.toString(split.port()), "");
    }

    /** {@code args} as RESP bulk strings (UTF-8), one after the other. */
    private static byte[] bulks(String... args) {
        ByteBuf out = Unpooled.buffer();
        for (String arg : args) {
            RespWriter.writeBulk(out, arg.getBytes(StandardCharsets.UTF_8));
        }
        return ByteBufUtil.getBytes(out);
    }
}
