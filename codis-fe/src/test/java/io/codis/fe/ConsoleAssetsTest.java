package io.codis.fe;

import static org.assertj.core.api.Assertions.assertThat;

import io.codis.fe.discovery.DashboardSource;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The built-in console hangs together without a browser: every file the page and its ES modules
 * load is served from the jar, and every element id the scripts look up is in the page.
 */
class ConsoleAssetsTest {
    private static final Pattern PAGE_ASSET = Pattern.compile("(?:src|href)=\"((?:js|css)/[^\"]+)\"");
    private static final Pattern IMPORT = Pattern.compile("(?m)^import [^;]* from '([^']+)';");
    private static final Pattern ID_LOOKUP = Pattern.compile("(?:byId|getElementById|fill|value)\\('([a-z][a-z-]*)'");

    @Test
    void everyModuleAndElementTheConsoleUsesIsThere() {
        try (FeUnderTest fe = FeUnderTest.start((DashboardSource) Map::of)) {
            String page = fe.get("/").body();
            Deque<String> toLoad = new ArrayDeque<>();
            PAGE_ASSET.matcher(page).results().forEach(m -> toLoad.add("/" + m.group(1)));
            assertThat(toLoad).contains("/js/main.js", "/css/console.css");

            Set<String> loaded = new LinkedHashSet<>();
            Set<String> ids = new LinkedHashSet<>();
            while (!toLoad.isEmpty()) {
                String path = toLoad.pop();
                if (!loaded.add(path)) {
                    continue;
                }
                HttpResponse<String> file = fe.get(path);
                assertThat(file.statusCode()).as(path).isEqualTo(200);
                if (path.endsWith(".js")) {
                    assertThat(file.headers().firstValue("Content-Type")).as(path).hasValue("text/javascript; charset=utf-8");
                    Matcher imports = IMPORT.matcher(file.body());
                    while (imports.find()) {
                        toLoad.add(URI.create(path).resolve(imports.group(1)).getPath());
                    }
                    ID_LOOKUP.matcher(file.body()).results().forEach(m -> ids.add(m.group(1)));
                }
            }
            assertThat(loaded).contains("/js/dashboard.js", "/js/sha256.js", "/js/panels/overview.js",
                    "/js/panels/proxy.js", "/js/panels/slots.js", "/js/panels/group.js");
            assertThat(ids).contains("products", "overview-table", "proxy-create", "slot-map", "group-create", "range-begin");
            for (String id : ids) {
                assertThat(page).as("element #" + id).contains("id=\"" + id + "\"");
            }
        }
    }
}
