package io.codis.proxy.forward;

import io.codis.proxy.backend.ReplyHandler;

/**
 * Receives the outcome of one request the {@link Forwarder} sends: the backend's reply or failure
 * ({@link ReplyHandler}), or a refusal before the request was sent anywhere, when moving its keys out
 * of a migration source failed.
 */
public interface ForwardHandler extends ReplyHandler {

    /**
     * The request was not forwarded: {@code message} is the whole error the client gets (without the
     * leading {@code -}), e.g. {@code ERR handle request, bad slotsmgrt resp: ...}.
     */
    void onRefused(String message);
}
