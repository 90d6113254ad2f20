package io.codis.dashboard.proxy;

import io.codis.common.api.ProductProxies;
import io.codis.common.cli.BuildInfo;
import io.codis.common.http.ApiError;
import io.codis.common.model.Proxy;
import io.codis.common.model.Sentinel;
import io.codis.common.model.Slot;
import io.codis.common.model.SlotMapping;
import io.codis.dashboard.store.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes slot views to every registered proxy at once (the fillslots barrier of
 * migration-and-ha.md): each proxy gets its own view of the mappings, all calls run concurrently and
 * the first failure is the error. It also tells which of them are the original's Go proxies.
 */
public final class ProxyFanout {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyFanout.class);

    private final ProductProxies calls;
    private final ExecutorService workers;
    private final Map<String, Boolean> goByToken = new ConcurrentHashMap<>();

    public ProxyFanout(ProductProxies calls, ExecutorService workers) {
        this.calls = calls;
        this.workers = workers;
    }

    /**
     * Sends the views of {@code mappings} to every proxy of {@code ctx} and waits for all of them.
     *
     * @throws ApiError {@code proxy-[{token}] resync slots failed} for the first proxy that failed
     */
    public void resyncSlotMappings(Topology ctx, List<SlotMapping> mappings) {
        if (mappings.isEmpty()) {
            return;
        }
        onEvery(ctx, "resync slots", p -> {
            List<Slot> slots = mappings.stream().map(m -> ctx.toSlot(m, p)).toList();
            calls.fillSlots(p, slots);
        });
    }

    /**
     * Gives every proxy of {@code ctx} the sentinel list and waits for all of them.
     *
     * @throws ApiError {@code proxy-[{token}] sentinel failed} for the first proxy that failed
     */
    public void setSentinels(Topology ctx, Sentinel sentinel) {
        onEvery(ctx, "sentinel", p -> calls.sentinels(p, sentinel));
    }

    /** Runs {@code call} on every proxy at once; the first failure is {@code proxy-[{token}] {what} failed}. */
    private void onEvery(Topology ctx, String what, Consumer<Proxy> call) {
        List<Proxy> proxies = ctx.proxies();
        List<CompletableFuture<Void>> pushes = new ArrayList<>();
        for (Proxy p : proxies) {
            pushes.add(CompletableFuture.runAsync(() -> call.accept(p), workers));
        }
        ApiError first = null;
        for (int i = 0; i < pushes.size(); i++) {
            try {
                pushes.get(i).join();
            } catch (RuntimeException e) {
                LOG.warn("proxy-[{}] {} failed: {}", proxies.get(i).token(), what, e.getMessage());
                if (first == null) {
                    first = new ApiError("proxy-[" + proxies.get(i).token() + "] " + what + " failed", e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /**
     * The proxies of {@code ctx} known to be the original's (Go) codis-proxy, told by the compile
     * string of their overview, asked of all at once and remembered per proxy token. A proxy that does
     * not answer in time is not known yet (it is asked again next time); the barrier waits for it anyway.
     */
    public List<Proxy> goProxies(Topology ctx) {
        List<Proxy> unknown = ctx.proxies().stream().filter(p -> !goByToken.containsKey(p.token())).toList();
        List<CompletableFuture<Void>> asks = unknown.stream().map(p -> CompletableFuture.runAsync(() ->
                goByToken.put(p.token(), BuildInfo.isGoBuild(calls.overview(p).path("compile").asText(""))),
                workers)).toList();
        for (int i = 0; i < asks.size(); i++) {
            try {
                asks.get(i).join();
            } catch (RuntimeException e) {
                LOG.warn("proxy-[{}] overview failed: {}", unknown.get(i).token(), e.getMessage());
            }
        }
        return ctx.proxies().stream().filter(p -> goByToken.getOrDefault(p.token(), false)).toList();
    }
}
