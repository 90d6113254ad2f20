package io.codis.proxy.backend;

import io.codis.common.resp.RespReply;

/** Receives the outcome of one request sent on a {@link BackendConnection}; called on the connection's event loop. */
public interface ReplyHandler {

    /** A handler that drops the reply (and ignores a failure): for commands the proxy sends for itself. */
    ReplyHandler IGNORED = new ReplyHandler() {
        @Override
        public void onReply(RespReply reply) {
            reply.release();
        }

        @Override
        public void onFailure(String error) {
        }
    };

    /** The backend's reply; the handler owns (releases) it. */
    void onReply(RespReply reply);

    /**
     * The request failed without a reply: {@code backend conn reset} or {@code backend conn failure, {err}}
     * (the text after {@code handle response, }).
     */
    void onFailure(String error);

    /**
     * A read-only request whose client has gone: a connection drops it with {@code request is broken}
     * instead of sending it, when it is still waiting to be written.
     */
    default boolean isBroken() {
        return false;
    }
}
