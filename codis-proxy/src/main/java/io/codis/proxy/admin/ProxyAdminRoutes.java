package io.codis.proxy.admin;

import com.fasterxml.jackson.core.type.TypeReference;
import io.codis.common.http.ApiError;
import io.codis.common.http.LogLevelRoute;
import io.codis.common.http.ApiServer;
import io.codis.common.http.RequestBodies;
import io.codis.common.http.XAuthGuard;
import io.codis.common.model.Sentinel;
import io.codis.common.model.Slot;
import io.codis.proxy.ProxyInstance;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The proxy's admin API (proxy-api.md "Route table") on an {@link ApiServer}. */
public final class ProxyAdminRoutes {
    private static final String OK = "OK";

    private static final Duration CREATION_WAIT = Duration.ofSeconds(10);

    private final Future<ProxyInstance> created;
    private volatile XAuthGuard guard;

    private ProxyAdminRoutes(Future<ProxyInstance> created) {
        this.created = created;
    }

    /**
     * Adds every route to {@code api}, before it listens: the proxy they serve is {@code created}
     * only once the admin address is known, and a call that comes meanwhile waits for it (so that
     * whoever sees the port open never gets a 404). {@code PUT /api/proxy/shutdown} closes the
     * proxy; whoever waits for {@link ProxyInstance#awaitClosed()} (the process) then exits.
     */
    public static void install(ApiServer api, Future<ProxyInstance> created) {
        ProxyAdminRoutes routes = new ProxyAdminRoutes(created);
        api.redirect("/", "/proxy")
                .get("/proxy", ctx -> ProxyOverviewJson.build(routes.proxy(), StatsFlags.ALL))
                .get("/proxy/model", ctx -> routes.proxy().model())
                .get("/proxy/stats", ctx -> routes.proxy().stats(StatsFlags.ALL))
                .get("/proxy/slots", ctx -> routes.proxy().slots())
                .get("/api/proxy/model", ctx -> routes.proxy().model())
                .get("/api/proxy/xping/{xauth}", routes::xping)
                .get("/api/proxy/stats/{xauth}", routes::stats)
                .get("/api/proxy/stats/{xauth}/{flags}", routes::stats)
                .get("/api/proxy/slots/{xauth}", routes::slots)
                .put("/api/proxy/start/{xauth}", routes::start)
                .put("/api/proxy/stats/reset/{xauth}", routes::resetStats)
                .put("/api/proxy/forcegc/{xauth}", routes::forceGc)
                .put("/api/proxy/shutdown/{xauth}", routes::shutdown)
                .put("/api/proxy/loglevel/{xauth}/{value}", routes::logLevel)
                .put("/api/proxy/fillslots/{xauth}", routes::fillSlots)
                .put("/api/proxy/sentinels/{xauth}", routes::sentinels)
                .put("/api/proxy/sentinels/{xauth}/rewatch", routes::rewatchSentinels);
    }

    private Object xping(Context ctx) {
        verify(ctx);
        return OK;
    }

    private Object stats(Context ctx) {
        verify(ctx);
        String flags = ctx.pathParamMap().get("flags");
        StatsFlags parsed;
        try {
            parsed = flags == null ? StatsFlags.NONE : StatsFlags.parse(flags);
        } catch (IllegalArgumentException e) {
            throw new ApiError(e.getMessage());
        }
        return proxy().stats(parsed);
    }

    private Object slots(Context ctx) {
        verify(ctx);
        return proxy().slots();
    }

    private Object start(Context ctx) {
        verify(ctx);
        proxy().start();
        return OK;
    }

    private Object resetStats(Context ctx) {
        verify(ctx);
        proxy().resetStats();
        return OK;
    }

    private Object forceGc(Context ctx) {
        verify(ctx);
        System.gc();
        return OK;
    }

    private Object shutdown(Context ctx) {
        verify(ctx);
        proxy().close();
        return OK;
    }

    private Object logLevel(Context ctx) {
        verify(ctx);
        LogLevelRoute.apply(ctx);
        return OK;
    }

    private Object fillSlots(Context ctx) {
        verify(ctx);
        List<Slot> slots = RequestBodies.jsonOr(ctx, new TypeReference<List<Slot>>() { }, List.of());
        proxy().fillSlots(slots.stream().filter(java.util.Objects::nonNull).toList());
        return OK;
    }

    private Object sentinels(Context ctx) {
        verify(ctx);
        proxy().setSentinels(RequestBodies.jsonOr(ctx, new TypeReference<Sentinel>() { }, Sentinel.NONE).servers());
        return OK;
    }

    private Object rewatchSentinels(Context ctx) {
        verify(ctx);
        proxy().rewatchSentinels();
        return OK;
    }

    private void verify(Context ctx) {
        XAuthGuard known = guard;
        if (known == null) {
            ProxyInstance proxy = proxy();
            known = new XAuthGuard(proxy.xauth(), proxy::isClosed, ProxyInstance.CLOSED);
            guard = known;
        }
        known.verify(ctx.pathParam("xauth"));
    }

    private ProxyInstance proxy() {
        try {
            return created.get(CREATION_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiError("proxy is not ready", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new ApiError("proxy is not ready", e);
        }
    }
}
