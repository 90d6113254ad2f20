package io.codis.proxy.command;

import io.netty.buffer.ByteBuf;

/** Every command the proxy knows: the original's table and Redis 7.0's commands, classified by the same rules. */
public final class CommandTable {

    private CommandTable() {
    }

    /**
     * The spec for a command name as it came on the wire (any case). The caller has checked that the
     * name is 1..64 bytes. A name the table lacks, or with a byte that is not a letter or ':', gets
     * an unknown, may-write spec named by its upper-cased bytes. Does not allocate for known names.
     */
    public static CommandSpec lookup(ByteBuf name) {
        throw new UnsupportedOperationException("the command table is not built yet");
    }
}
