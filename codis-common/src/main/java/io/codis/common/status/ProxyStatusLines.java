package io.codis.common.status;

import io.codis.common.model.Proxy;
import java.util.ArrayList;
import java.util.List;

/**
 * The lines of {@code codis-admin --dashboard=ADDR --proxy-status}, one per proxy by id:
 * {@code {S} proxy-{id} [T] {token} [A] {admin_addr} [P] {proxy_addr}} with the id zero-padded to
 * the widest id and both addresses right-padded to the longest of their column; {@code {S}} is
 * {@code [?]}, {@code [E]}, {@code [T]} or {@code [ ]} (see {@link StatsSample#problem}).
 */
public final class ProxyStatusLines {
    private ProxyStatusLines() {
    }

    public static List<String> of(DashboardStats stats) {
        int idWidth = 0;
        int adminWidth = 0;
        int proxyWidth = 0;
        for (Proxy p : stats.proxies()) {
            idWidth = Math.max(idWidth, Integer.toString(p.id()).length());
            adminWidth = Math.max(adminWidth, p.adminAddr().length());
            proxyWidth = Math.max(proxyWidth, p.proxyAddr().length());
        }
        List<String> lines = new ArrayList<>();
        for (Proxy p : stats.proxies()) {
            String problem = StatsSample.problem(stats.proxySample(p.token()));
            lines.add((problem == null ? "[ ] " : problem) + "proxy-" + Padding.zeros(p.id(), idWidth) + " [T] " + p.token()
                    + " [A] " + Padding.right(p.adminAddr(), adminWidth) + " [P] " + Padding.right(p.proxyAddr(), proxyWidth));
        }
        return lines;
    }
}
