package io.codis.proxy.backend;

import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * The requests of a backend connection not written yet (it is being dialled, or its pipeline is full),
 * in order. Each entry is a request's payload with the handler of its reply, kept side by side in a
 * ring of two arrays, so queueing one allocates nothing. Loop-confined.
 */
final class WaitingRequests {

    private ByteBuf[] payloads = new ByteBuf[16];
    private ReplyHandler[] handlers = new ReplyHandler[16];
    private int head;
    private int size;

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    /** Queues a request (the queue owns {@code payload} until it is taken). */
    void add(ByteBuf payload, ReplyHandler handler) {
        if (size == payloads.length) {
            grow();
        }
        int tail = (head + size) & (payloads.length - 1);
        payloads[tail] = payload;
        handlers[tail] = handler;
        size++;
    }

    /** The oldest request's payload; call {@link #removeHead} after taking its handler. */
    ByteBuf headPayload() {
        return payloads[head];
    }

    ReplyHandler headHandler() {
        return handlers[head];
    }

    /** Drops the oldest entry (its payload now belongs to whoever took it). */
    void removeHead() {
        payloads[head] = null;
        handlers[head] = null;
        head = (head + 1) & (payloads.length - 1);
        size--;
    }

    /** Releases every payload and adds the handlers, in order, to {@code failed}; the queue is then empty. */
    void releaseInto(List<ReplyHandler> failed) {
        while (size > 0) {
            headPayload().release();
            failed.add(headHandler());
            removeHead();
        }
    }

    private void grow() {
        int n = payloads.length;
        ByteBuf[] p = new ByteBuf[n * 2];
        ReplyHandler[] h = new ReplyHandler[n * 2];
        for (int i = 0; i < size; i++) {
            p[i] = payloads[(head + i) & (n - 1)];
            h[i] = handlers[(head + i) & (n - 1)];
        }
        payloads = p;
        handlers = h;
        head = 0;
    }
}
