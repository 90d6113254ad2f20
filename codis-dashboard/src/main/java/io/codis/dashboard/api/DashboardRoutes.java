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
    private static final String API = "/api/topom";
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
        r.topom(api);
        r.proxies(api);
        r.groups(api);
        r.slots(api);
        r.sentinels(api);
    }

    private void topom(ApiServer api) {
        api.redirect("/", "/topom")
                .get("/topom", ctx -> d().overview())
                .get("/topom/model", ctx -> d().model())
                .get("/topom/stats", ctx -> d().stats())
                .get("/topom/slots", ctx -> d().slots())
                .get(API + "/model", ctx -> d().model())
                .get(API + "/xping/{xauth}", ctx -> ok(ctx, () -> { }))
                .get(API + "/stats/{xauth}", ctx -> {
                    verify(ctx);
                    return d().stats();
                })
                .get(API + "/slots/{xauth}", ctx -> {
                    verify(ctx);
                    return d().slots();
                })
                .put(API + "/reload/{xauth}", ctx -> ok(ctx, () -> d().reload()))
                .put(API + "/shutdown/{xauth}", ctx -> ok(ctx, () -> d().close()))
                .put(API + "/loglevel/{xauth}/{value}", ctx -> ok(ctx, () -> LogLevelRoute.apply(ctx)));
    }

    private void proxies(ApiServer api) {
        String p = API + "/proxy";
        api.put(p + "/create/{xauth}/{addr}", ctx -> ok(ctx, () -> d().proxies().create(addr(ctx))))
                .put(p + "/online/{xauth}/{addr}", ctx -> ok(ctx, () -> d().proxies().online(addr(ctx))))
                .put(p + "/reinit/{xauth}/{token}", ctx -> ok(ctx, () -> d().proxies().reinit(token(ctx))))
                .put(p + "/remove/{xauth}/{token}/{force}",
                        ctx -> ok(ctx, () -> d().proxies().remove(token(ctx), flag(ctx, "force"))));
    }

    private void groups(ApiServer api) {
        String g = API + "/group";
        api.put(g + "/create/{xauth}/{gid}", ctx -> ok(ctx, () -> d().groups().create(integer(ctx, "gid"))))
                .put(g + "/remove/{xauth}/{gid}", ctx -> ok(ctx, () -> d().groups().remove(integer(ctx, "gid"))))
                .put(g + "/resync/{xauth}/{gid}", ctx -> ok(ctx, () -> d().groups().resync(integer(ctx, "gid"))))
                .put(g + "/resync-all/{xauth}", ctx -> ok(ctx, () -> d().groups().resyncAll()))
                .put(g + "/add/{xauth}/{gid}/{addr}",
                        ctx -> ok(ctx, () -> d().servers().add(integer(ctx, "gid"), addr(ctx), "")))
                .put(g + "/add/{xauth}/{gid}/{addr}/{datacenter}", ctx -> ok(ctx,
                        () -> d().servers().add(integer(ctx, "gid"), addr(ctx), ctx.pathParam("datacenter"))))
                .put(g + "/del/{xauth}/{gid}/{addr}",
                        ctx -> ok(ctx, () -> d().servers().delete(integer(ctx, "gid"), addr(ctx))))
                .put(g + "/replica-groups/{xauth}/{gid}/{addr}/{value}", ctx -> ok(ctx,
                        () -> d().servers().replicaGroups(integer(ctx, "gid"), addr(ctx), flag(ctx, "value"))))
                .put(g + "/replica-groups-all/{xauth}/{value}",
                        ctx -> ok(ctx, () -> d().servers().replicaGroupsAll(flag(ctx, "value"))))
                .put(g + "/promote/{xauth}/{gid}/{addr}",
                        ctx -> ok(ctx, () -> d().promotion().promote(integer(ctx, "gid"), addr(ctx))))
                .put(g + "/action/create/{xauth}/{addr}", ctx -> ok(ctx, () -> d().syncActions().create(addr(ctx))))
                .put(g + "/action/remove/{xauth}/{addr}", ctx -> ok(ctx, () -> d().syncActions().remove(addr(ctx))))
                .get(g + "/info/{addr}", ctx -> d().servers().info(addr(ctx)));
    }

    private void slots(ApiServer api) {
        String a = API + "/slots/action";
        api.put(a + "/create/{xauth}/{sid}/{gid}",
                        ctx -> ok(ctx, () -> d().slotActions().create(integer(ctx, "sid"), integer(ctx, "gid"))))
                .put(a + "/create-some/{xauth}/{src}/{dst}/{num}", ctx -> ok(ctx, () -> d().slotActions()
                        .createSome(integer(ctx, "src"), integer(ctx, "dst"), integer(ctx, "num"))))
                .put(a + "/create-range/{xauth}/{beg}/{end}/{gid}", ctx -> ok(ctx, () -> d().slotActions()
                        .createRange(integer(ctx, "beg"), integer(ctx, "end"), integer(ctx, "gid"))))
                .put(a + "/remove/{xauth}/{sid}", ctx -> ok(ctx, () -> d().slotActions().remove(integer(ctx, "sid"))))
                .put(a + "/interval/{xauth}/{value}",
                        ctx -> ok(ctx, () -> d().slotActions().setInterval(integer(ctx, "value"))))
                .put(a + "/disabled/{xauth}/{value}",
                        ctx -> ok(ctx, () -> d().slotActions().setDisabled(flag(ctx, "value"))))
                .put(API + "/slots/assign/{xauth}", ctx -> ok(ctx, () -> d().slotAssignment().assign(mappings(ctx))))
                .put(API + "/slots/assign/{xauth}/offline",
                        ctx -> ok(ctx, () -> d().slotAssignment().assignOffline(mappings(ctx))))
                .put(API + "/slots/rebalance/{xauth}/{confirm}", ctx -> {
                    verify(ctx);
                    return d().slotActions().rebalance(flag(ctx, "confirm"));
                });
    }

    private void sentinels(ApiServer api) {
        String s = API + "/sentinels";
        api.put(s + "/add/{xauth}/{addr}", ctx -> ok(ctx, () -> d().sentinels().add(addr(ctx))))
                .put(s + "/del/{xauth}/{addr}/{force}",
                        ctx -> ok(ctx, () -> d().sentinels().delete(addr(ctx), flag(ctx, "force"))))
                .put(s + "/resync-all/{xauth}", ctx -> ok(ctx, () -> d().sentinels().resyncAll()))
                .get(s + "/info/{addr}", ctx -> d().sentinels().info(addr(ctx)))
                .get(s + "/info/{addr}/monitored", ctx -> d().sentinels().monitored(addr(ctx)));
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

    /** A path parameter that is an integer, true when not 0. */
    static boolean flag(Context ctx, String name) {
        return integer(ctx, name) != 0;
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
