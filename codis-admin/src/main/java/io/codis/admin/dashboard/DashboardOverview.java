package io.codis.admin.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import io.codis.admin.GoJsonText;
import io.codis.common.api.DashboardApi;
import java.io.PrintWriter;
import java.util.List;

/**
 * {@code codis-admin --dashboard=ADDR [config|model|stats|slots|group|proxy]}, {@code --list-group}
 * and {@code --list-proxy}: a part of the dashboard's overview ({@code GET /topom}), pretty-printed.
 * {@code slots}, {@code group} and {@code proxy} are members of {@code stats}; a missing part prints
 * {@code null}.
 */
public final class DashboardOverview {
    /** The words accepted after {@code --dashboard=ADDR}. */
    public static final List<String> MEMBERS = List.of("config", "model", "stats", "slots", "group", "proxy");

    private final DashboardApi dashboard;
    private final PrintWriter out;

    public DashboardOverview(DashboardApi dashboard, PrintWriter out) {
        this.dashboard = dashboard;
        this.out = out;
    }

    /** The whole overview ({@code member} null) or one member of it. */
    public void print(String member) {
        JsonNode overview = dashboard.overview();
        JsonNode part = switch (member == null ? "" : member) {
            case "" -> overview;
            case "config", "model", "stats" -> overview.path(member);
            default -> overview.path("stats").path(member);
        };
        print(part);
    }

    /** {@code --list-group}: {@code stats.group.models}. */
    public void listGroups() {
        print(dashboard.overview().path("stats").path("group").path("models"));
    }

    /** {@code --list-proxy}: {@code stats.proxy.models}. */
    public void listProxies() {
        print(dashboard.overview().path("stats").path("proxy").path("models"));
    }

    private void print(JsonNode part) {
        out.println(GoJsonText.of(part.isNull() ? null : part));
        out.flush();
    }
}
