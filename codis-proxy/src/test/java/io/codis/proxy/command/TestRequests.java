package io.codis.proxy.command;

import io.codis.common.resp.RespRequest;
import io.codis.common.resp.RespRequestParser;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Builds requests as the proxy receives them (through {@link RespRequestParser}) and asks the table about them. */
final class TestRequests {

    private TestRequests() {
    }

    /** Parses {@code args} sent as a RESP array, applies {@code query} to the request, then releases it. */
    static <T> T withRequest(List<String> args, Function<RespRequest, T> query) {
        ByteBuf in = Unpooled.wrappedBuffer(encode(args));
        try {
            RespRequest request = new RespRequestParser().parse(in);
            try {
                return query.apply(request);
            } finally {
                request.release();
            }
        } finally {
            in.release();
        }
    }

    static CommandSpec spec(String name) {
        ByteBuf buf = Unpooled.copiedBuffer(name, StandardCharsets.ISO_8859_1);
        try {
            return CommandTable.lookup(buf);
        } finally {
            buf.release();
        }
    }

    /** The argument indexes that forEachKey reports for the request {@code args}. */
    static List<Integer> keyIndexes(String... args) {
        return keyIndexes(List.of(args));
    }

    static List<Integer> keyIndexes(List<String> args) {
        return withRequest(args, request -> {
            List<Integer> keys = new ArrayList<>();
            CommandTable.lookup(request.arg(0)).forEachKey(request, keys::add);
            return keys;
        });
    }

    static int routingKeyIndex(String... args) {
        return withRequest(List.of(args), request -> CommandTable.lookup(request.arg(0)).routingKeyIndex(request));
    }

    private static byte[] encode(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("*" + args.size() + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (String arg : args) {
            byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
            out.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(bytes);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        return out.toByteArray();
    }
}
