package io.codis.admin;

import io.codis.common.api.ApiCalls;
import io.codis.common.cli.FatalError;
import io.codis.common.rpc.RpcException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The remote calls of one codis-admin run to one peer ({@code proxy} or {@code dashboard} at an
 * address), as the original logs and reports them: {@code call rpc {op} to {peer} {addr}} and
 * {@code ... OK} at DEBUG, and on failure a fatal {@code call rpc {op} to {peer} {addr} failed, {error}}.
 */
public final class RemoteCalls implements ApiCalls {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteCalls.class);

    private final String peer;
    private final String addr;

    public RemoteCalls(String peer, String addr) {
        this.peer = peer;
        this.addr = addr;
    }

    @Override
    public <T> T call(String op, Supplier<T> remote) {
        LOG.debug("call rpc {} to {} {}", op, peer, addr);
        try {
            T result = remote.get();
            LOG.debug("call rpc {} to {} {} OK", op, peer, addr);
            return result;
        } catch (RpcException e) {
            throw new FatalError("call rpc " + op + " to " + peer + " " + addr + " failed, " + e.getMessage(), e);
        }
    }
}
