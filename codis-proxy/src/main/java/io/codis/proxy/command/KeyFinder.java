package io.codis.proxy.command;

import io.codis.common.resp.RespRequest;

import java.util.function.IntConsumer;

/** Finds some of a command's keys in a request; never fails on a malformed request (it finds no key). */
interface KeyFinder {

    /** Reports the argument index of every key this finder sees in {@code request}, in increasing order. */
    void forEachKey(RespRequest request, IntConsumer keyIndex);

    /** The first key {@link #forEachKey} would report, or -1. */
    int firstKey(RespRequest request);

    /** The argument index of the first key when it never depends on the request (it may be missing), else 0. */
    default int fixedFirstKey() {
        return 0;
    }

    /** Whether this finder may report more than one key. */
    default boolean mayFindSeveral() {
        return false;
    }
}
