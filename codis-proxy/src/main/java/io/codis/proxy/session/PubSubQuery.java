package io.codis.proxy.session;

import io.codis.common.resp.RespReply;
import io.codis.common.resp.RespRequest;
import io.codis.common.resp.RespWriter;
import io.codis.proxy.command.Ascii;
import io.codis.proxy.command.CommandSpec;
import io.codis.proxy.forward.ForwardHandler;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * PUBSUB over the groups, when pub/sub runs through the proxy ({@code proxy_max_owned_conns} > 0;
 * forwarded as the original forwards it otherwise): {@code CHANNELS [pattern]} is the union of every
 * group primary's channels, {@code NUMSUB channel...} asks each channel's group (where its subscribers
 * are, {@link PubSub}); {@code NUMPAT}, which every primary counts alike (a pattern is subscribed on
 * all), and the other subcommands go to one primary.
 */
final class PubSubQuery {

    private static final byte[] CHANNELS = "CHANNELS".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NUMSUB = "NUMSUB".getBytes(StandardCharsets.US_ASCII);

    private PubSubQuery() {
    }

    static boolean handle(Session session, RespRequest request, CommandSpec cmd) {
        boolean channels = request.argCount() >= 2 && request.argCount() <= 3 && Ascii.equalsIgnoreCase(CHANNELS, request.arg(1));
        boolean numsub = request.argCount() >= 2 && Ascii.equalsIgnoreCase(NUMSUB, request.arg(1));
        if (!session.shared().ownedLimit.isEnabled() || !(channels || numsub)) {
            return Dispatch.forwardToSlot(session, request, cmd, 0);
        }
        List<String> addrs = new ArrayList<>();
        List<ByteBuf> payloads = new ArrayList<>();
        if (channels) {
            List<String> all = PubSub.primaries(session);
            if (all != null) {
                for (String addr : all) {
                    addrs.add(addr);
                    payloads.add(request.argCount() == 2 ? Replies.command("PUBSUB", "CHANNELS")
                            : Replies.command("PUBSUB", "CHANNELS", request.arg(2)));
                }
            }
        } else {
            for (int i = 2; i < request.argCount() && addrs.size() == i - 2; i++) {
                List<String> addr = PubSub.primaryOf(session, MultiKeySplit.slotOfArg(request, i));
                if (addr != null) {
                    addrs.add(addr.get(0));
                    payloads.add(Replies.command("PUBSUB", "NUMSUB", request.arg(i)));
                }
            }
        }
        if (addrs.size() != (channels ? Math.max(1, addrs.size()) : request.argCount() - 2)) {
            payloads.forEach(ByteBuf::release);
            session.fail(cmd.name(), Replies.SLOT_NOT_READY);
            return true;
        }
        Gather gather = new Gather(session.enqueue(cmd.name(), null), addrs.size(), !channels);
        for (int i = 0; i < addrs.size(); i++) {
            session.forwarder().sendTo(addrs.get(i), payloads.get(i), gather.part(i));
        }
        gather.partDone();
        return true;
    }

    /** The replies of every backend asked, merged into one array once all came (the first error instead, if any). */
    private static final class Gather {
        private final Pending pending;
        private final List<List<String>> parts = new ArrayList<>();
        private final boolean keepDuplicates;
        private int left;
        private String error;
        private ByteBuf errorReply;

        Gather(Pending pending, int count, boolean keepDuplicates) {
            this.pending = pending;
            this.keepDuplicates = keepDuplicates;
            this.left = count + 1;
            for (int i = 0; i < count; i++) {
                parts.add(List.of());
            }
        }

        ForwardHandler part(int index) {
            return new ForwardHandler() {
                @Override
                public void onReply(RespReply reply) {
                    try {
                        if (reply.type() == '*') {
                            List<String> elements = new ArrayList<>();
                            for (ByteBuf element : reply.elements()) {
                                elements.add(element.toString(StandardCharsets.ISO_8859_1));
                            }
                            parts.set(index, elements);
                        } else if (errorReply == null && error == null) {
                            errorReply = reply.frame().retainedDuplicate();
                        }
                    } finally {
                        reply.release();
                    }
                    partDone();
                }

                @Override
                public void onFailure(String message) {
                    if (error == null) {
                        error = message;
                    }
                    partDone();
                }

                @Override
                public void onRefused(String message) {
                    onFailure(message);
                }
            };
        }

        void partDone() {
            if (--left > 0) {
                return;
            }
            if (error != null) {
                if (errorReply != null) {
                    errorReply.release();
                }
                pending.onFailure(error);
                return;
            }
            if (errorReply != null) {
                pending.session.complete(pending, errorReply);
                return;
            }
            List<String> merged = new ArrayList<>();
            Set<String> seen = new LinkedHashSet<>();
            for (List<String> part : parts) {
                for (String element : part) {
                    if (keepDuplicates || seen.add(element)) {
                        merged.add(element);
                    }
                }
            }
            ByteBuf out = Replies.buffer(64);
            RespWriter.writeArrayHeader(out, merged.size());
            merged.forEach(element -> out.writeBytes(element.getBytes(StandardCharsets.ISO_8859_1)));
            pending.session.complete(pending, out);
        }
    }
}
