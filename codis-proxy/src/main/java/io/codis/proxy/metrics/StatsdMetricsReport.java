package io.codis.proxy.metrics;

import io.codis.common.rpc.HostPort;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code metrics_report_statsd_*}: one UDP gauge per figure, named
 * {@code {prefix}.{product_name}.{admin_addr}.{proxy_addr}.{field}} with {@code .} and {@code :} of
 * the addresses replaced by {@code _} (so an empty prefix makes the name start with {@code .}).
 */
public final class StatsdMetricsReport implements MetricsReport, AutoCloseable {
    private final InetSocketAddress server;
    private final String namePrefix;
    private final Supplier<Map<String, Number>> fields;
    private final DatagramSocket socket;

    public StatsdMetricsReport(String server, String prefix, String productName, String adminAddr, String proxyAddr,
            Supplier<Map<String, Number>> fields) throws IOException {
        HostPort hostPort = HostPort.parse(server);
        this.server = new InetSocketAddress(hostPort.host().isEmpty() ? "127.0.0.1" : hostPort.host(), hostPort.port());
        this.namePrefix = prefix + "." + productName + "." + flatten(adminAddr) + "." + flatten(proxyAddr) + ".";
        this.fields = fields;
        this.socket = new DatagramSocket();
    }

    @Override
    public void send() throws IOException {
        for (Map.Entry<String, Number> field : fields.get().entrySet()) {
            byte[] gauge = gauge(field.getKey(), field.getValue()).getBytes(StandardCharsets.UTF_8);
            socket.send(new DatagramPacket(gauge, gauge.length, server));
        }
    }

    /** {@code name:value|g}, floats with six decimals. */
    String gauge(String field, Number value) {
        String text = value instanceof Double || value instanceof Float
                ? String.format(Locale.ROOT, "%f", value.doubleValue()) : Long.toString(value.longValue());
        return namePrefix + field + ":" + text + "|g";
    }

    private static String flatten(String address) {
        return address.replace('.', '_').replace(':', '_');
    }

    @Override
    public void close() {
        socket.close();
    }
}
