package io.codis.dashboard.proxy;

import io.codis.common.api.ProductProxies;
import io.codis.common.http.ApiError;
import io.codis.common.json.JsonCodec;
import io.codis.common.model.Proxy;
import io.codis.dashboard.core.DashboardCore;
import io.codis.dashboard.store.Topology;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proxy routes (dashboard-api.md "Proxy routes"): registering a proxy by its admin address,
 * putting it online (again), re-sending it everything, and removing it, with the original's checks
 * and error texts.
 */
public final class Proxies {
    private static final Logger LOG = LoggerFactory.getLogger(Proxies.class);

    private final DashboardCore core;
    private final ProductProxies calls;
    private final Consumer<String> removed;

    /** {@code removed} is told the token of every proxy removed (its stats sample goes with it). */
    public Proxies(DashboardCore core, ProductProxies calls, Consumer<String> removed) {
        this.core = core;
        this.calls = calls;
        this.removed = removed;
    }

    /** Registers the proxy at {@code addr} (which must answer with the product's xauth) and starts it. */
    public void create(String addr) {
        core.lockedRun(ctx -> {
            Proxy p = checkedModel(addr, true);
            if (ctx.hasProxy(p.token())) {
                throw new ApiError("proxy-[" + p.token() + "] already exists");
            }
            p = p.withId(maxProxyId(ctx) + 1);
            core.store().createProxy(p);
            reinit(ctx, p);
        });
    }

    /** Registers the proxy at {@code addr}, or updates its model when its token is known, and starts it. */
    public void online(String addr) {
        core.lockedRun(ctx -> {
            Proxy p = checkedModel(addr, false);
            if (ctx.hasProxy(p.token())) {
                p = p.withId(ctx.proxy(p.token()).id());
                core.store().updateProxy(p);
            } else {
                p = p.withId(maxProxyId(ctx) + 1);
                core.store().createProxy(p);
            }
            reinit(ctx, p);
        });
    }

    public void reinit(String token) {
        core.lockedRun(ctx -> reinit(ctx, ctx.proxy(token)));
    }

    /** Shuts the proxy down and forgets it; with {@code force} even when the shutdown fails. */
    public void remove(String token, boolean force) {
        core.lockedRun(ctx -> {
            Proxy p = ctx.proxy(token);
            try {
                calls.shutdown(p);
            } catch (RuntimeException e) {
                LOG.warn("proxy-[{}] shutdown failed, force remove = {}: {}", token, force, e.getMessage());
                if (!force) {
                    throw new ApiError("proxy-[" + token + "] shutdown failed", e);
                }
            }
            core.store().removeProxy(p);
            removed.accept(token);
        });
    }

    /**
     * The model of the proxy at {@code addr}, once it has answered an xping with the product's xauth;
     * {@code withCause}: the error texts end with the cause's message, as create's do.
     */
    private Proxy checkedModel(String addr, boolean withCause) {
        Proxy p;
        try {
            p = calls.model(addr);
        } catch (RuntimeException e) {
            throw new ApiError("proxy@" + addr + " fetch model failed" + cause(withCause, e), e);
        }
        try {
            calls.xping(addr, p.token());
        } catch (RuntimeException e) {
            throw new ApiError("proxy@" + addr + " check xauth failed" + cause(withCause, e), e);
        }
        return p;
    }

    private static String cause(boolean withCause, RuntimeException e) {
        return withCause ? ", " + e.getMessage() : "";
    }

    private static int maxProxyId(Topology ctx) {
        return ctx.proxies().stream().mapToInt(Proxy::id).max().orElse(0);
    }

    /** Sends the proxy all its slots, starts it and gives it the sentinels. */
    private void reinit(Topology ctx, Proxy p) {
        LOG.warn("proxy-[{}] reinit:\n{}", p.token(), JsonCodec.pretty(p));
        try {
            calls.fillSlots(p, ctx.toSlots(p));
        } catch (RuntimeException e) {
            throw new ApiError("proxy-[" + p.token() + "] fillslots failed", e);
        }
        try {
            calls.start(p);
        } catch (RuntimeException e) {
            throw new ApiError("proxy-[" + p.token() + "] start failed", e);
        }
        try {
            calls.sentinels(p, ctx.sentinel());
        } catch (RuntimeException e) {
            throw new ApiError("proxy-[" + p.token() + "] set sentinels failed", e);
        }
    }
}
