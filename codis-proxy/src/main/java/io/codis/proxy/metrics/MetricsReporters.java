package io.codis.proxy.metrics;

import io.codis.common.config.ProxyConfig;
import io.codis.common.model.Proxy;
import io.codis.proxy.ProxyInstance;
import io.codis.proxy.admin.ProxyOverviewJson;
import io.codis.proxy.admin.StatsFlags;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the reporters the config asks for (JSON, InfluxDB, StatsD); they stop when the proxy closes. */
public final class MetricsReporters {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsReporters.class);

    private MetricsReporters() {
    }

    public static void start(ProxyInstance proxy) {
        ProxyConfig config = proxy.config();
        Proxy model = proxy.model();
        List<AutoCloseable> running = new ArrayList<>();
        Supplier<Map<String, Number>> fields = () -> UsageFields.of(proxy.stats(new StatsFlags(StatsFlags.WITH_RUNTIME)));
        if (!config.metricsReportServer().isEmpty()) {
            running.add(MetricsLoop.start("metrics-json", config.metricsReportPeriod(), proxy::isClosed,
                    new JsonMetricsReport(config.metricsReportServer(),
                            () -> ProxyOverviewJson.build(proxy, new StatsFlags(StatsFlags.WITH_RUNTIME)))));
        }
        if (!config.metricsReportInfluxdbServer().isEmpty()) {
            Map<String, String> tags = new LinkedHashMap<>();
            tags.put("token", model.token());
            tags.put("product_name", model.productName());
            tags.put("admin_addr", model.adminAddr());
            tags.put("proxy_addr", model.proxyAddr());
            tags.put("hostname", model.hostname());
            running.add(MetricsLoop.start("metrics-influxdb", config.metricsReportInfluxdbPeriod(), proxy::isClosed,
                    new InfluxdbMetricsReport(config.metricsReportInfluxdbServer(), config.metricsReportInfluxdbDatabase(),
                            config.metricsReportInfluxdbUsername(), config.metricsReportInfluxdbPassword(), tags, fields)));
        }
        if (!config.metricsReportStatsdServer().isEmpty()) {
            try {
                StatsdMetricsReport statsd = new StatsdMetricsReport(config.metricsReportStatsdServer(),
                        config.metricsReportStatsdPrefix(), model.productName(), model.adminAddr(), model.proxyAddr(), fields);
                running.add(MetricsLoop.start("metrics-statsd", config.metricsReportStatsdPeriod(), proxy::isClosed, statsd));
                running.add(statsd);
            } catch (IOException | IllegalArgumentException e) {
                LOG.warn("create statsd client failed: {}", e.toString());
            }
        }
        proxy.onClose(() -> running.forEach(MetricsReporters::closeQuietly));
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.warn("stop metrics reporter: {}", e.toString());
        }
    }
}
