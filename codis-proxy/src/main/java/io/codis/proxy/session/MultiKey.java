package io.codis.proxy.session;

import io.codis.common.resp.RespReply;
import io.codis.common.resp.RespWriter;
import io.codis.proxy.command.LocalCommand;
import io.codis.proxy.forward.ForwardHandler;
import io.codis.proxy.router.SlotState;
import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.Locale;

/**
 * A multi-key command split per backend (MGET, MSET, DEL, EXISTS, TOUCH, UNLINK): one part per
 * backend connection with that backend's keys in the client's order; the merged reply follows
 * proxy-dataplane.md "Multi-key commands" (key order, sums, first failing part in key order wins).
 */
final class MultiKey {

    private final Pending parent;
    private final LocalCommand kind;
    /** Part index of each key, in the client's key order. */
    private final int[] partOfKey;
    /** Position of each key inside its part. */
    private final int[] posInPart;
    /** The slot of each key (entered), exited when its part's reply or failure arrives. */
    private final SlotState[] slots;
    private final Part[] parts;
    private int remaining;

    MultiKey(Pending parent, LocalCommand kind, int[] partOfKey, int[] posInPart, int partCount, SlotState[] slots) {
        this.parent = parent;
        this.kind = kind;
        this.partOfKey = partOfKey;
        this.posInPart = posInPart;
        this.slots = slots;
        this.parts = new Part[partCount];
        this.remaining = partCount;
    }

    Part part(int index, int keyCount) {
        Part part = new Part(index, keyCount);
        parts[index] = part;
        return part;
    }

    private void partDone() {
        if (--remaining > 0) {
            return;
        }
        Object merged;
        try {
            merged = merge();
        } finally {
            for (Part part : parts) {
                if (part.reply != null) {
                    part.reply.release();
                    part.reply = null;
                }
            }
        }
        parent.session.complete(parent, merged);
    }

    /** The merged reply: a ByteBuf, or for MSET the last part's own reply (a RespReply). */
    private Object merge() {
        for (int key = 0; key < partOfKey.length; key++) {
            Part part = parts[partOfKey[key]];
            if (part.failure != null) {
                parent.failed = true;
                return Replies.error(part.failure);
            }
            RespReply reply = part.reply;
            boolean ok = switch (kind) {
                case MGET -> reply.type() == '*' && reply.aggregateLength() == part.keyCount;
                case MSET -> reply.type() == '+';
                default -> reply.type() == ':';
            };
            if (!ok) {
                parent.failed = true;
                String what = switch (kind) {
                    case MGET -> "mget";
                    case MSET -> "mset";
                    default -> kind.name().toLowerCase(Locale.ROOT);
                };
                String detail = kind == LocalCommand.MGET
                        ? "array.len = " + (reply.type() == '*' ? Math.max(0, reply.aggregateLength()) : 0)
                        : "value.len = " + valueLength(reply);
                return Replies.error("ERR handle response, bad " + what + " resp: " + reply.typeName() + " " + detail);
            }
        }
        switch (kind) {
            case MGET -> {
                @SuppressWarnings("unchecked")
                List<ByteBuf>[] elements = new List[parts.length];
                int size = 16;
                for (int i = 0; i < parts.length; i++) {
                    elements[i] = parts[i].reply.elements();
                    size += parts[i].reply.frame().readableBytes();
                }
                ByteBuf out = Replies.buffer(size);
                RespWriter.writeArrayHeader(out, partOfKey.length);
                for (int key = 0; key < partOfKey.length; key++) {
                    ByteBuf element = elements[partOfKey[key]].get(posInPart[key]);
                    out.writeBytes(element, element.readerIndex(), element.readableBytes());
                }
                return out;
            }
            case MSET -> {
                // every part said +OK: forward the last one's reply as it is (taken, not released below)
                Part last = parts[partOfKey[partOfKey.length - 1]];
                RespReply reply = last.reply;
                last.reply = null;
                return reply;
            }
            default -> {
                long sum = 0;
                for (Part part : parts) {
                    sum += part.reply.integer();
                }
                ByteBuf out = Replies.buffer(24);
                RespWriter.writeInteger(out, sum);
                return out;
            }
        }
    }

    private static long valueLength(RespReply reply) {
        return switch (reply.type()) {
            case '+', '-', ':' -> reply.text().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            case '$' -> reply.isNull() ? 0 : reply.text().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            default -> 0;
        };
    }

    /** The sub-request sent to one backend connection. */
    final class Part implements ForwardHandler {
        private final int index;
        final int keyCount;
        private boolean exited;
        RespReply reply;
        /** The client's error when the part failed or was refused. */
        String failure;

        Part(int index, int keyCount) {
            this.index = index;
            this.keyCount = keyCount;
        }

        private void exitSlots() {
            if (!exited) {
                exited = true;
                for (int k = 0; k < partOfKey.length; k++) {
                    if (partOfKey[k] == index) {
                        slots[k].exit();
                    }
                }
            }
        }

        @Override
        public void onReply(RespReply r) {
            exitSlots();
            reply = r;
            partDone();
        }

        @Override
        public void onFailure(String error) {
            exitSlots();
            failure = "ERR handle response, " + error;
            partDone();
        }

        @Override
        public void onRefused(String message) {
            exitSlots();
            failure = message;
            partDone();
        }
    }
}
