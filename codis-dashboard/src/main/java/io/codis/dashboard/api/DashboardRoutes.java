package io.codis.dashboard.api;

import com.fasterxml.jackson.core.type.TypeReference;
import io.codis.common.http.ApiError;
import io.codis.common.http.ApiServer;
import io.codis.common.http.XAuthGuard;
import io.codis.common.json.JsonCodec;
import io.codis.common.log.LogLevel;
import io.codis.common.log.Logs;
import io.codis.common.model.SlotMapping;
import io.codis.dashboard.Dashboard;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The dashboard's HTTP API (dashboard-api.md "Route table") on an {@link ApiServer}. */
public final class DashboardRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(DashboardRoutes.class);
    private static final String OK = "OK";
    private static final TypeReference<List<SlotMapping>> SLOT_MAPPINGS = new TypeReference<>() {
    };

    private final Dashboard dashboard;
    private final XAuthGuard guard;
    private final Runnable shutdown;

    private DashboardRoutes(Dashboard dashboard, Runnable shutdown) {
        this.dashboard = dashboard;
        this.guard = new XAuthGuard(dashboard.xauth(), dashboard::isClosed, Dashboard.CLOSED);
        this.shutdown = shutdown;
    }

    /** Adds every route; {@code shutdown} runs for {@code PUT /api/topom/shutdown} after the lock is released. */
    public static void install(ApiServer api, Dashboard dashboard, Runnable shutdown) {
        DashboardRoutes r = new DashboardRoutes(dashboard, shutdown);
        String x = "/api/topom";
        api.redirect("/", "/topom")
                .get("/topom", ctx -> dashboard.overview())
                .get("/topom/model", ctx -> dashboard.model())
                .get("/topom/stats", ctx -> dashboard.stats())
                .get("/topom/slots", ctx -> dashboard.slots())
                .get(x + "/model", ctx -> dashboard.model())
                .get(x + "/xping/{xauth}", ctx -> r.ok(ctx, () -> { }))
                .get(x + "/stats/{xauth}", ctx -> {
                    r.verify(ctx);
                    return dashboard.stats();
                })
                .get(x + "/slots/{xauth}", ctx -> {
                    r.verify(ctx);
                    return dashboard.slots();
                })
                .put(x + "/reload/{xauth}", ctx -> r.ok(ctx, dashboard::reload))
                .put(x + "/shutdown/{xauth}", ctx -> r.ok(ctx, r::shutdown))
                .put(x + "/loglevel/{xauth}/{value}", ctx -> r.ok(ctx, () -> logLevel(ctx)))
                .put(x + "/proxy/create/{xauth}/{addr}", ctx -> r.ok(ctx, () -> dashboard.createProxy(addr(ctx))))
                .put(x + "/proxy/online/{xauth}/{addr}", ctx -> r.ok(ctx, () -> dashboard.onlineProxy(addr(ctx))))
                .put(x + "/proxy/reinit/{xauth}/{token}", ctx -> r.ok(ctx, () -> dashboard.reinitProxy(token(ctx))))
                .put(x + "/proxy/remove/{xauth}/{token}/{force}",
                        ctx -> r.ok(ctx, () -> dashboard.removeProxy(token(ctx), integer(ctx, "force") != 0)))
                .put(x + "/group/create/{xauth}/{gid}", ctx -> r.ok(ctx, () -> dashboard.createGroup(integer(ctx, "gid"))))
                .put(x + "/group/remove/{xauth}/{gid}", ctx -> r.ok(ctx, () -> dashboard.removeGroup(integer(ctx, "gid"))))
                .put(x + "/group/resync/{xauth}/{gid}", ctx -> r.ok(ctx, () -> dashboard.resyncGroup(integer(ctx, "gid"))))
                .put(x + "/group/resync-all/{xauth}", ctx -> r.ok(ctx, dashboard::resyncGroupAll))
                .put(x + "/group/add/{xauth}/{gid}/{addr}",
                        ctx -> r.ok(ctx, () -> dashboard.addServer(integer(ctx, "gid"), addr(ctx), "")))
                .put(x + "/group/add/{xauth}/{gid}/{addr}/{datacenter}",
                        ctx -> r.ok(ctx, () -> dashboard.addServer(integer(ctx, "gid"), addr(ctx), ctx.pathParam("datacenter"))))
                .put(x + "/group/del/{xauth}/{gid}/{addr}",
                        ctx -> r.ok(ctx, () -> dashboard.delServer(integer(ctx, "gid"), addr(ctx))))
                .put(x + "/group/replica-groups/{xauth}/{gid}/{addr}/{value}",
                        ctx -> r.ok(ctx, () -> dashboard.replicaGroups(integer(ctx, "gid"), addr(ctx), integer(ctx, "value") != 0)))
                .put(x + "/group/replica-groups-all/{xauth}/{value}",
                        ctx -> r.ok(ctx, () -> dashboard.replicaGroupsAll(integer(ctx, "value") != 0)))
                .put(x + "/group/promote/{xauth}/{gid}/{addr}", r::notYet)
                .put(x + "/group/action/create/{xauth}/{addr}", r::notYet)
                .put(x + "/group/action/remove/{xauth}/{addr}", r::notYet)
                .get(x + "/group/info/{addr}", ctx -> dashboard.infoServer(addr(ctx)))
                .put(x + "/slots/action/create/{xauth}/{sid}/{gid}",
                        ctx -> r.ok(ctx, () -> dashboard.createSlotAction(integer(ctx, "sid"), integer(ctx, "gid"))))
                .put(x + "/slots/action/create-some/{xauth}/{src}/{dst}/{num}",
                        ctx -> r.ok(ctx, () -> dashboard.createSlotActionSome(integer(ctx, "src"), integer(ctx, "dst"),
                                integer(ctx, "num"))))
                .put(x + "/slots/action/create-range/{xauth}/{beg}/{end}/{gid}",
                        ctx -> r.ok(ctx, () -> dashboard.createSlotActionRange(integer(ctx, "beg"), integer(ctx, "end"),
                                integer(ctx, "gid"))))
                .put(x + "/slots/action/remove/{xauth}/{sid}",
                        ctx -> r.ok(ctx, () -> dashboard.removeSlotAction(integer(ctx, "sid"))))
                .put(x + "/slots/action/interval/{xauth}/{value}",
                        ctx -> r.ok(ctx, () -> dashboard.setActionInterval(integer(ctx, "value"))))
                .put(x + "/slots/action/disabled/{xauth}/{value}",
                        ctx -> r.ok(ctx, () -> dashboard.setActionDisabled(integer(ctx, "value") != 0)))
                .put(x + "/slots/assign/{xauth}", ctx -> r.ok(ctx, () -> dashboard.assignSlots(mappings(ctx))))
                .put(x + "/slots/assign/{xauth}/offline", ctx -> r.ok(ctx, () -> dashboard.assignSlotsOffline(mappings(ctx))))
                .put(x + "/slots/rebalance/{xauth}/{confirm}", ctx -> {
                    r.verify(ctx);
                    return dashboard.rebalance(integer(ctx, "confirm") != 0);
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
        dashboard.close();
        shutdown.run();
    }

    private static void logLevel(Context ctx) {
        String value = ctx.pathParam("value");
        if (value.isEmpty()) {
            throw new ApiError("missing loglevel");
        }
        Optional<LogLevel> level = LogLevel.parse(value);
        if (level.isEmpty()) {
            throw new ApiError("invalid loglevel");
        }
        Logs.setLevel(level.get());
        LOG.warn("set loglevel to {}", value);
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
