package io.codis.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.codis.common.testkit.ExternalProcess;
import io.codis.common.testkit.FreePorts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console with two products in one filesystem coordinator (two dashboards, one codis-fe over
 * the root), in a real headless Chromium: the sidebar lists both, clicking one shows its overview
 * and names it in the URL fragment, a reload or a new load of that URL keeps it selected, and the
 * refresh slider sets how often the page asks the selected product's dashboard (the stats calls
 * the browser made, timed by the browser's own resource timing). Screenshots go to
 * {@code target/console-screenshots/products-*.png}.
 */
class ConsoleProductsBrowserTest {
    private static final String FIRST = "codis-demo";
    private static final String SECOND = "codis-two";
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final List<AutoCloseable> STARTED = new ArrayList<>();

    private static JarCluster cluster;
    private static String secondDashboard;
    private static String feUrl;
    private static HeadlessChromium chromium;
    private static ConsolePage page;

    @BeforeAll
    static void startTwoProductsTheFeAndTheBrowser() {
        cluster = started(JarCluster.start("console-products", CoordinatorKind.FILESYSTEM, FIRST, 0));
        secondDashboard = cluster.startDashboard(SECOND);
        String fe = "127.0.0.1:" + FreePorts.next();
        ExternalProcess feProcess = started(Launcher.start("codis-fe", "codis-fe", cluster.dir(),
                "--filesystem=" + cluster.coordinatorAddr(), "--listen=" + fe, "--log-level=warn"));
        chromium = started(HeadlessChromium.start(cluster.dir().resolve("chromedriver.log")));
        feUrl = "http://" + fe;
        page = new ConsolePage(chromium.driver(), feUrl);
        feProcess.awaitReady(() -> AdminHttp.get(fe, "/list")
                .map(list -> list.toString().contains(FIRST) && list.toString().contains(SECOND)).orElse(false),
                JarCluster.STARTUP);
    }

    @AfterAll
    static void stopEverything() throws Exception {
        Collections.reverse(STARTED);
        for (AutoCloseable each : STARTED) {
            each.close();
        }
    }

    @Test
    void theSidebarSelectsAProductKeptInTheUrlAndTheSliderSetsHowOftenItsDashboardIsAsked() {
        chromium.driver().get(feUrl + "/");
        page.await("the sidebar to list both products", "document.querySelectorAll('#products a').length === 2");
        assertThat(sidebar()).containsExactlyInAnyOrder(FIRST, SECOND);
        assertThat(Boolean.TRUE.equals(page.script("return document.getElementById('console').hidden;")))
                .as("no product is shown before one is chosen").isTrue();

        page.click("product-" + FIRST);
        awaitOverviewOf(FIRST, cluster.dashboard());
        page.click("product-" + SECOND);
        awaitOverviewOf(SECOND, secondDashboard);
        assertThat(chromium.driver().getCurrentUrl()).isEqualTo(feUrl + "/#" + SECOND);
        screenshot("01-second-selected");

        page.script("window.loadedBefore = true;");
        chromium.driver().navigate().refresh();
        assertThat(page.script("return window.loadedBefore === undefined;")).as("the page was loaded again").isEqualTo(true);
        awaitOverviewOf(SECOND, secondDashboard);
        chromium.driver().get("about:blank");
        page.open(SECOND);
        awaitOverviewOf(SECOND, secondDashboard);
        screenshot("02-second-after-a-new-load");

        page.refreshEverySecond();
        List<Double> everySecond = statsCallTimes(SECOND, 5);
        assertThat(everySecond.get(4) - everySecond.get(0)).as("5 stats calls a second apart, in ms: %s", everySecond)
                .isLessThan(8000);
        page.refreshEvery(4);
        List<Double> everyFourSeconds = statsCallTimes(SECOND, 3);
        assertThat(gaps(everyFourSeconds)).as("ms between stats calls 4 s apart: %s", everyFourSeconds)
                .allMatch(gap -> gap >= 3000);
        assertThat(statsCallTimes(FIRST, 0)).as("the product no longer selected is not asked").isEmpty();
        screenshot("03-refresh-every-4s");
        assertThat(chromium.scriptErrors()).as("errors of the console's scripts").isEmpty();
    }

    /** Waits until the Overview shows {@code product} and its dashboard and the sidebar marks only it. */
    private void awaitOverviewOf(String product, String dashboard) {
        page.await(product + "'s overview with its dashboard " + dashboard,
                "document.getElementById('overview-product')?.textContent === arguments[0]"
                        + " && document.getElementById('overview-dashboard')?.textContent === arguments[1]"
                        + " && document.getElementById('product-title').textContent === arguments[0]",
                product, dashboard);
        assertThat(page.text("overview-coordinator")).isEqualTo(cluster.coordinatorAddr());
        assertThat(page.script("return [...document.querySelectorAll('#products a.selected')].map(a => a.textContent);"))
                .as("the sidebar's selection").isEqualTo(List.of(product));
    }

    @SuppressWarnings("unchecked")
    private static List<String> sidebar() {
        return (List<String>) page.script("return [...document.querySelectorAll('#products a')].map(a => a.textContent);");
    }

    /**
     * The start times (ms, the page's clock) of the stats calls for {@code product} the page makes from
     * now on, once there are {@code count}; for 0, those made since the last count began.
     */
    @SuppressWarnings("unchecked")
    private static List<Double> statsCallTimes(String product, int count) {
        String calls = "performance.getEntriesByType('resource').filter(e => e.name.includes('/api/topom/stats/')"
                + " && e.name.endsWith('?forward=' + arguments[0]) && e.startTime >= window.countingSince)";
        if (count > 0) {
            page.script("performance.clearResourceTimings(); window.countingSince = performance.now();");
            page.await(count + " stats calls for " + product, ConsolePage.PATIENCE.plusSeconds(count * 5L),
                    calls + ".length >= arguments[1]", product, count);
        }
        List<Number> times = (List<Number>) page.script("return " + calls + ".map(e => e.startTime);", product);
        return times.stream().map(Number::doubleValue).toList();
    }

    private static List<Double> gaps(List<Double> times) {
        return IntStream.range(1, times.size()).mapToObj(i -> times.get(i) - times.get(i - 1)).toList();
    }

    private static void screenshot(String step) {
        chromium.screenshot(SCREENSHOTS.resolve("products-" + step + ".png"));
    }

    private static <T extends AutoCloseable> T started(T resource) {
        STARTED.add(resource);
        return resource;
    }
}
