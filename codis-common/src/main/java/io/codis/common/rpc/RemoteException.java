package io.codis.common.rpc;

/**
 * An admin API call the remote side refused (status 800 or 1500) with a {@link RemoteError};
 * the message reads {@code [Remote Error] {Cause}} as in the original client.
 */
public final class RemoteException extends RpcException {
    private static final long serialVersionUID = 1L;

    private final transient RemoteError remoteError;

    public RemoteException(RemoteError remoteError) {
        super("[Remote Error] " + remoteError.cause());
        this.remoteError = remoteError;
    }

    public RemoteError remoteError() {
        return remoteError;
    }

    /** The remote side's message, e.g. {@code group-[1] already exists}. */
    public String remoteCause() {
        return remoteError.cause();
    }
}
