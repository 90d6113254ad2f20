package io.codis.common.rpc;

/** An admin API call that failed: unreachable, timed out, an unexpected status or an undecodable answer. */
public class RpcException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RpcException(String message) {
        super(message);
    }

    public RpcException(String message, Throwable cause) {
        super(message, cause);
    }
}
