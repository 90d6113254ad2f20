package io.codis.admin.dashboard;

import io.codis.common.status.DashboardStats;
import io.codis.common.status.ProxyStatusLines;
import io.codis.common.api.DashboardApi;
import io.codis.common.cli.FatalError;
import io.codis.common.json.JsonCodec;
import io.codis.common.model.Proxy;
import java.io.PrintWriter;
import java.util.List;
import java.util.Objects;

/**
 * The proxy forms of {@code codis-admin --dashboard=ADDR}: {@code --create-proxy},
 * {@code --online-proxy}, {@code --remove-proxy}, {@code --reinit-proxy} and {@code --proxy-status}.
 */
public final class ProxiesCommands {
    private final DashboardApi dashboard;
    private final PrintWriter out;

    public ProxiesCommands(DashboardApi dashboard, PrintWriter out) {
        this.dashboard = dashboard;
        this.out = out;
    }

    /** {@code --create-proxy --addr=ADMIN_ADDR}. */
    public void create(String addr) {
        dashboard.createProxy(addr);
    }

    /** {@code --online-proxy --addr=ADMIN_ADDR}. */
    public void online(String addr) {
        dashboard.onlineProxy(addr);
    }

    /**
     * {@code --remove-proxy (--addr|--token|--pid) [--force]}: a token is used as given; an admin
     * address or id is looked up in the stats (not found: fatal unless {@code force}), then every
     * match is removed.
     */
    public void remove(ProxySelector selector, boolean force) {
        for (String token : tokens(selector, force)) {
            dashboard.removeProxy(token, force);
        }
    }

    /** {@code --reinit-proxy (--addr|--token|--pid) [--force]}, looked up as for {@link #remove}. */
    public void reinit(ProxySelector selector, boolean force) {
        for (String token : tokens(selector, force)) {
            dashboard.reinitProxy(token);
        }
    }

    /** {@code --reinit-proxy --all}: prints {@code reinit proxy: } and the proxy's JSON, then reinits it, for each. */
    public void reinitAll() {
        for (Proxy p : DashboardStats.of(dashboard.stats()).proxies()) {
            out.println("reinit proxy: " + JsonCodec.pretty(p));
            out.flush();
            dashboard.reinitProxy(p.token());
        }
    }

    /** {@code --proxy-status}: one line per proxy ({@link ProxyStatusLines}). */
    public void status() {
        ProxyStatusLines.of(DashboardStats.of(dashboard.stats())).forEach(out::println);
        out.flush();
    }

    private List<String> tokens(ProxySelector selector, boolean force) {
        if (selector.token() != null) {
            return List.of(selector.token());
        }
        List<String> tokens = DashboardStats.of(dashboard.stats()).proxies().stream()
                .filter(p -> selector.addr() != null ? p.adminAddr().equals(selector.addr())
                        : Objects.equals(p.id(), selector.id()))
                .map(Proxy::token)
                .toList();
        if (tokens.isEmpty() && !force) {
            throw new FatalError(selector.addr() != null ? "can't find specific proxy with addr = " + selector.addr()
                    : "can't find specific proxy with id = " + selector.id());
        }
        return tokens;
    }

    /** Which proxy {@code --remove-proxy} / {@code --reinit-proxy} means: exactly one of admin address, token or id. */
    public record ProxySelector(String addr, String token, Integer id) {
    }
}
