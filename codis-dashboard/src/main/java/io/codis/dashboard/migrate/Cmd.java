package io.codis.dashboard.migrate;

import java.nio.charset.StandardCharsets;
import redis.clients.jedis.commands.ProtocolCommand;

/** One Redis command of a pipeline: its name and binary arguments. */
record Cmd(ProtocolCommand name, byte[]... args) {
    static byte[] arg(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] arg(long number) {
        return arg(Long.toString(number));
    }
}
