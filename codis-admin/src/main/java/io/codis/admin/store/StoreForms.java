package io.codis.admin.store;

import static io.codis.common.cli.OptionRules.options;

import com.fasterxml.jackson.databind.JsonNode;
import io.codis.admin.UnusedOptions;
import io.codis.common.cli.CoordinatorOptions;
import io.codis.common.cli.FatalError;
import io.codis.common.cli.OptionRules;
import io.codis.common.coordinator.CodisPaths;
import io.codis.common.coordinator.Coordinator;
import io.codis.common.coordinator.CoordinatorException;
import io.codis.common.json.JsonCodec;
import io.codis.common.model.ProductDashboard;
import io.codis.common.model.ProductName;
import io.codis.common.model.Topom;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The forms of codis-admin that work on the coordinator itself, not through a dashboard
 * (models-and-storage.md "codis-admin store-level commands"): {@code --remove-lock},
 * {@code --config-dump [-1]}, {@code --config-convert}, {@code --config-restore [--confirm]} and
 * {@code --dashboard-list}.
 */
public final class StoreForms {
    /** The coordinator client's timeout, as the original's codis-admin. */
    private static final Duration TIMEOUT = Duration.ofMinutes(1);
    private static final List<String> COORDINATOR = List.of("--zookeeper", "--zookeeper-auth", "--etcd", "--etcd-auth",
            "--filesystem");

    @Option(names = "--remove-lock", description = "remove the product's dashboard lock.")
    boolean removeLock;

    @Option(names = "--config-dump", description = "print the product's whole topology.")
    boolean configDump;

    @Option(names = "-1", description = "with --config-dump: dump a Codis 1.x/2.x product.")
    boolean codis2;

    @Option(names = "--config-convert", paramLabel = "FILE", description = "convert a Codis 2.x dump to a 3.x one.")
    Path configConvert;

    @Option(names = "--config-restore", paramLabel = "FILE", description = "write a 3.x dump into an empty product.")
    Path configRestore;

    @Option(names = "--dashboard-list", description = "print every product and its dashboard address.")
    boolean dashboardList;

    @Option(names = "--product", paramLabel = "NAME", description = "the product name.")
    String product;

    /** The store forms' flags with their values, for {@link OptionRules}. */
    public Map<String, Object> forms() {
        return options("--remove-lock", removeLock, "--config-dump", configDump, "--config-convert", configConvert,
                "--config-restore", configRestore, "--dashboard-list", dashboardList);
    }

    /** Runs the one store form given; {@code confirm} is the {@code --confirm} flag the command line shares. */
    public void run(CoordinatorOptions coordinator, boolean confirm, PrintWriter out, UnusedOptions given) {
        String form = OptionRules.chosen(forms(), null);
        try {
            run(form, coordinator, confirm, out, given);
        } catch (CoordinatorException e) {
            throw new FatalError(e.getMessage(), e);
        }
    }

    private void run(String form, CoordinatorOptions coordinator, boolean confirm, PrintWriter out, UnusedOptions given) {
        switch (form) {
            case "--config-convert" -> {
                given.refuse(form, form);
                out.println(JsonCodec.pretty(convert(configConvert)));
            }
            case "--dashboard-list" -> {
                given.refuse(form, form, COORDINATOR);
                try (Coordinator client = open(coordinator)) {
                    out.println(JsonCodec.pretty(dashboards(client)));
                }
            }
            case "--remove-lock" -> {
                given.refuse(form, form, with(COORDINATOR, "--product"));
                String name = productName();
                try (Coordinator client = open(coordinator)) {
                    client.delete(CodisPaths.topom(name));
                }
            }
            case "--config-dump" -> {
                given.refuse(form, form, with(COORDINATOR, "--product", "-1"));
                String name = productName();
                try (Coordinator client = open(coordinator)) {
                    out.println(JsonCodec.pretty(codis2 ? dumpCodis2(client, name) : dump(client, name)));
                }
            }
            case "--config-restore" -> {
                given.refuse(form, form, with(COORDINATOR, "--product", "--confirm"));
                String name = productName();
                coordinator.check(coordinator.alternatives(), true);
                ConfigV3 config = restorable(configRestore);
                if (!confirm) {
                    out.println(JsonCodec.pretty(config));
                    return;
                }
                try (Coordinator client = open(coordinator)) {
                    ProductTopology topology = new ProductTopology(client, name);
                    if (!topology.groups().isEmpty() || !topology.proxies().isEmpty()) {
                        throw new FatalError("product " + name + " is not empty");
                    }
                    topology.write(config);
                }
            }
            default -> throw new IllegalStateException("not a store form: " + form);
        }
    }

    private String productName() {
        OptionRules.required("--product", product);
        try {
            return ProductName.check(product);
        } catch (IllegalArgumentException e) {
            throw new FatalError(e.getMessage());
        }
    }

    private static Coordinator open(CoordinatorOptions coordinator) {
        coordinator.check(coordinator.alternatives(), true);
        return coordinator.open(TIMEOUT);
    }

    private static List<ProductDashboard> dashboards(Coordinator client) {
        List<ProductDashboard> list = new ArrayList<>();
        for (String path : client.list(CodisPaths.ROOT)) {
            String name = path.substring(path.lastIndexOf('/') + 1);
            Optional<byte[]> lock = client.read(CodisPaths.topom(name));
            String admin = lock.map(json -> decode(json, Topom.class, "topom of " + name).adminAddr()).orElse("");
            list.add(new ProductDashboard(name, admin));
        }
        list.sort(Comparator.comparing(ProductDashboard::name));
        return list;
    }

    private static ConfigV3 dump(Coordinator client, String name) {
        ProductTopology topology = new ProductTopology(client, name);
        ConfigV3 config = new ConfigV3(List.of(), topology.groups(), topology.proxies());
        if (config.groups().isEmpty() && config.proxies().isEmpty()) {
            throw new FatalError("cann't find product = " + name + " [v3]");
        }
        return new ConfigV3(topology.slots(), config.groups(), config.proxies());
    }

    private static Object dumpCodis2(Coordinator client, String name) {
        Object tree = new Codis2Tree(client).of(name);
        if (!(tree instanceof Map<?, ?> map) || map.isEmpty()) {
            throw new FatalError("cann't find product = " + name + " [v1]");
        }
        return tree;
    }

    private static ConfigV3 convert(Path file) {
        JsonNode dump = decode(read(file), JsonNode.class, "config " + file);
        try {
            return Codis2Conversion.convert(dump);
        } catch (IllegalArgumentException e) {
            throw new FatalError("convert config failed: " + e.getMessage(), e);
        }
    }

    private static ConfigV3 restorable(Path file) {
        ConfigV3 config = decode(read(file), ConfigV3.class, "config " + file);
        try {
            RestoreCheck.verify(config);
        } catch (IllegalArgumentException e) {
            throw new FatalError(e.getMessage(), e);
        }
        return config;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new FatalError("read file " + file + " failed: " + e, e);
        }
    }

    private static <T> T decode(byte[] json, Class<T> type, String what) {
        try {
            return JsonCodec.read(json, type);
        } catch (RuntimeException e) {
            throw new FatalError("decode " + what + " failed: " + e.getMessage(), e);
        }
    }

    private static List<String> with(List<String> names, String... more) {
        List<String> all = new ArrayList<>(names);
        all.addAll(List.of(more));
        return all;
    }
}
