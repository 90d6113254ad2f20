package io.codis.dashboard.api;

import com.fasterxml.jackson.core.type.TypeReference;
import io.codis.common.http.ApiError;
import io.codis.common.http.LogLevelRoute;
import io.codis.common.http.ApiServer;
import io.codis.common.http.XAuthGuard;
import io.codis.common.json.JsonCodec;
import io.codis.common.model.SlotMapping;
import io.codis.dashboard.Dashboard;
import io.codis.dashboard.core.DashboardCore;
import io.javalin.http.Context;
import io.codis.common.rpc.XAuth;
import java.util.function.Supplier;
import java.util.List;

/** The dashboard's HTTP API (dashboard-api.md "Route table") on an {@link ApiServer}. */
public final class DashboardRoutes {
    private static final String OK = "OK";
    private static final TypeReference<List<SlotMapping>> SLOT_MAPPINGS = new TypeReference<>() {
    };

    private final Supplier<Dashboard> dashboard;
    private final XAuthGuard guard;

    private DashboardRoutes(String productName, Supplier<Dashboard> dashboard) {
        this.dashboard = dashboard;
        this.guard = new XAuthGuard(XAuth.dashboard(productName), () -> {
            Dashboard d = dashboard.get();
            return d != null && d.isClosed();
        }, DashboardCore.CLOSED);
    }

    /**
     * Adds every route before the listener starts; {@code dashboard} gives null while the dashboard
     * is being created (every call then answers {@code topom is not online}).
     */
    public static void install(ApiServer api, String productName, Supplier<Dashboard> dashboard) {
        DashboardRoutes r = new DashboardRoutes(productName, dashboard);
        String x = "/api/topom";
        api.redirect("/", "/topom")
                .get("/topom", ctx -> r.d().overview())
                .get("/topom/model", ctx -> r.d().model())
                .get("/topom/stats", ctx -> r.d().stats())
                .get("/topom/slots", ctx -> r.d().slots())
                .get(x + "/model", ctx -> r.d().model())
                .get(x + "/xping/{xauth}", ctx -> r.ok(ctx, () -> { }))
                .get(x + "/stats/{xauth}", ctx -> {
                    r.verify(ctx);
                    return r.d().stats();
                })
                .get(x + "/slots/{xauth}", ctx -> {
                    r.verify(ctx);
                    return r.d().slots();
                })
                .put(x + "/reload/{xauth}", ctx -> r.ok(ctx, () -> r.d().reload()))
                .put(x + "/shutdown/{xauth}", ctx -> r.ok(ctx, r::shutdown))
                .put(x + "/loglevel/{xauth}/{value}", ctx -> r.ok(ctx, () -> LogLevelRoute.apply(ctx)))
                .put(x + "/proxy/create/{xauth}/{addr}", ctx -> r.ok(ctx, () -> r.d().proxies().create(addr(ctx))))
                .put(x + "/proxy/online/{xauth}/{addr}", ctx -> r.ok(ctx, () -> r.d().proxies().online(addr(ctx))))
                .put(x + "/proxy/reinit/{xauth}/{token}", ctx -> r.ok(ctx, () -> r.d().proxies().reinit(token(ctx))))
                .put(x + "/proxy/remove/{xauth}/{token}/{force}",
                        ctx -> r.ok(ctx, () -> r.d().proxies().remove(token(ctx), integer(ctx, "force") != 0)))
                .put(x + "/group/create/{xauth}/{gid}", ctx -> r.ok(ctx, () -> r.d().groups().create(integer(ctx, "gid"))))
                .put(x + "/group/remove/{xauth}/{gid}", ctx -> r.ok(ctx, () -> r.d().groups().remove(integer(ctx, "gid"))))
                .put(x + "/group/resync/{xauth}/{gid}", ctx -> r.ok(ctx, () -> r.d().groups().resync(integer(ctx, "gid"))))
                .put(x + "/group/resync-all/{xauth}", ctx -> r.ok(ctx, () -> r.d().groups().resyncAll()))
                .put(x + "/group/add/{xauth}/{gid}/{addr}",
                        ctx -> r.ok(ctx, () -> r.d().servers().add(integer(ctx, "gid"), addr(ctx), "")))
                .put(x + "/group/add/{xauth}/{gid}/{addr}/{datacenter}",
                        ctx -> r.ok(ctx, () -> r.d().servers().add(integer(ctx, "gid"), addr(ctx), ctx.pathParam("datacenter"))))
                .put(x + "/group/del/{xauth}/{gid}/{addr}",
                        ctx -> r.ok(ctx, () -> r.d().servers().delete(integer(ctx, "gid"), addr(ctx))))
                .put(x + "/group/replica-groups/{xauth}/{gid}/{addr}/{value}",
                        ctx -> r.ok(ctx, () -> r.d().servers().replicaGroups(integer(ctx, "gid"), addr(ctx), integer(ctx, "value") != 0)))
                .put(x + "/group/replica-groups-all/{xauth}/{value}",
                        ctx -> r.ok(ctx, () -> r.d().servers().replicaGroupsAll(integer(ctx, "value") != 0)))
                .put(x + "/group/promote/{xauth}/{gid}/{addr}", r::notYet)
                .put(x + "/group/action/create/{xauth}/{addr}", r::notYet)
                .put(x + "/group/action/remove/{xauth}/{addr}", r::notYet)
                .get(x + "/group/info/{addr}", ctx -> r.d().servers().info(addr(ctx)))
                .put(x + "/slots/action/create/{xauth}/{sid}/{gid}",
                        ctx -> r.ok(ctx, () -> r.d().slotActions().create(integer(ctx, "sid"), integer(ctx, "gid"))))
                .put(x + "/slots/action/create-some/{xauth}/{src}/{dst}/{num}",
                        ctx -> r.ok(ctx, () -> r.d().slotActions().createSome(integer(ctx, "src"), integer(ctx, "dst"),
                                integer(ctx, "num"))))
                .put(x + "/slots/action/create-range/{xauth}/{beg}/{end}/{gid}",
                        ctx -> r.ok(ctx, () -> r.d().slotActions().createRange(integer(ctx, "beg"), integer(ctx, "end"),
                                integer(ctx, "gid"))))
                .put(x + "/slots/action/remove/{xauth}/{sid}",
                        ctx -> r.ok(ctx, () -> r.d().slotActions().remove(integer(ctx, "sid"))))
                .put(x + "/slots/action/interval/{xauth}/{value}",
                        ctx -> r.ok(ctx, () -> r.d().slotActions().setInterval(integer(ctx, "value"))))
                .put(x + "/slots/action/disabled/{xauth}/{value}",
                        ctx -> r.ok(ctx, () -> r.d().slotActions().setDisabled(integer(ctx, "value") != 0)))
                .put(x + "/slots/assign/{xauth}", ctx -> r.ok(ctx, () -> r.d().slotAssignment().assign(mappings(ctx))))
                .put(x + "/slots/assign/{xauth}/offline", ctx -> r.ok(ctx, () -> r.d().slotAssignment().assignOffline(mappings(ctx))))
                .put(x + "/slots/rebalance/{xauth}/{confirm}", ctx -> {
                    r.verify(ctx);
                    return r.d().slotActions().rebalance(integer(ctx, "confirm") != 0);
                })
                .put(x + "/sentinels/add/{xauth}/{addr}", r::notYet)
                .put(x + "/sentinels/del/{xauth}/{addr}/{force}", r::notYet)
                .put(x + "/sentinels/resync-all/{xauth}", r::notYet)
                .get(x + "/sentinels/info/{addr}", ctx -> {
                    throw new ApiError("sentinels are not supported yet");
                })
                .get(x + "/sentinels/info/{addr}/monitored", ctx -> {
                    throw new ApiError("sentinels are not supported yet");
                });
    }

    private Dashboard d() {
        Dashboard d = dashboard.get();
        if (d == null) {
            throw new ApiError(DashboardCore.NOT_ONLINE);
        }
        return d;
    }

    private void verify(Context ctx) {
        guard.verify(ctx.pathParam("xauth"));
    }

    private Object ok(Context ctx, Runnable action) {
        verify(ctx);
        action.run();
        return OK;
    }

    private Object notYet(Context ctx) {
        verify(ctx);
        throw new ApiError("this route is not supported yet");
    }

    private void shutdown() {
        d().close();
    }


    static int integer(Context ctx, String name) {
        String text = ctx.pathParam(name);
        if (text.isEmpty()) {
            throw new ApiError("missing " + name);
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new ApiError("invalid " + name);
        }
    }

    static String addr(Context ctx) {
        String addr = ctx.pathParam("addr");
        if (addr.isEmpty()) {
            throw new ApiError("missing addr");
        }
        return addr;
    }

    static String token(Context ctx) {
        String token = ctx.pathParam("token");
        if (token.isEmpty()) {
            throw new ApiError("missing token");
        }
        return token;
    }

    /** The body as SlotMappings; a body that is not such an array is an empty one, as in the original. */
    static List<SlotMapping> mappings(Context ctx) {
        try {
            List<SlotMapping> list = JsonCodec.read(ctx.bodyAsBytes(), SLOT_MAPPINGS);
            return list == null ? List.of() : list;
        } catch (RuntimeException e) {
            return List.of();
        }
    }
}
