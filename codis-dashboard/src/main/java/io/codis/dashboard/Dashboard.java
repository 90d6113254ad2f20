package io.codis.dashboard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.codis.common.cli.BuildInfo;
import io.codis.common.cli.FatalError;
import io.codis.common.config.DashboardConfig;
import io.codis.common.http.ApiError;
import io.codis.common.http.ObjectTag;
import io.codis.common.json.JsonCodec;
import io.codis.common.model.ActionState;
import io.codis.common.model.Group;
import io.codis.common.model.GroupServer;
import io.codis.common.model.Proxy;
import io.codis.common.model.Sentinel;
import io.codis.common.model.Slot;
import io.codis.common.model.SlotAction;
import io.codis.common.model.SlotMapping;
import io.codis.common.model.Topom;
import io.codis.common.rpc.XAuth;
import io.codis.common.api.ProductProxies;
import io.codis.dashboard.redis.RedisControl;
import io.codis.dashboard.slots.Rebalancer;
import io.codis.dashboard.slots.SlotMigrator;
import io.codis.dashboard.stats.ProxyStats;
import io.codis.dashboard.stats.RedisStats;
import io.codis.dashboard.store.Store;
import io.codis.dashboard.store.StoreCache;
import io.codis.dashboard.store.Topology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's core (the original's {@code Topom}): the product lock, the cached store and every
 * operation of the HTTP API, with the original's checks and error texts (dashboard-api.md). One lock
 * serialises the operations; the background loops ({@link SlotActionLoop}, {@link StatsLoops}) take
 * it for each step.
 */
public final class Dashboard implements AutoCloseable {
    public static final String NOT_ONLINE = "topom is not online";
    public static final String CLOSED = "use of closed topom";
    public static final int MAX_GROUP_ID = 9999;
    private static final Logger LOG = LoggerFactory.getLogger(Dashboard.class);

    private final DashboardConfig config;
    private final Store store;
    private final StoreCache cache;
    private final ProductProxies proxyCalls;
    private final SlotMigrator migrator;
    private final Topom model;
    private final String xauth;
    private final String tag = ObjectTag.of(this);
    private final ReentrantLock mu = new ReentrantLock(true); // fair: API calls are not starved by the loops
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "dashboard-worker");
        t.setDaemon(true);
        return t;
    });
    private final CountDownLatch closedLatch = new CountDownLatch(1);

    private volatile boolean online;
    private volatile boolean closed;
    private volatile int actionInterval;
    private volatile boolean actionDisabled;
    private volatile String progress = "";
    private final AtomicInteger executors = new AtomicInteger();
    private volatile Map<String, RedisStats> serverStats = Map.of();
    private volatile Map<String, ProxyStats> proxyStats = Map.of();
    private SlotActionLoop slotLoop;
    private StatsLoops statsLoops;

    public Dashboard(DashboardConfig config, Store store, Topom model, SlotMigrator migrator) {
        this.config = config;
        this.store = store;
        this.cache = new StoreCache(store);
        this.proxyCalls = new ProductProxies(config.productName(), config.productAuth());
        this.migrator = migrator;
        this.model = model;
        this.xauth = XAuth.dashboard(config.productName());
    }

    public Topom model() {
        return model;
    }

    public String xauth() {
        return xauth;
    }

    public String tag() {
        return tag;
    }

    public DashboardConfig config() {
        return config;
    }

    public boolean isOnline() {
        return online && !closed;
    }

    public boolean isClosed() {
        return closed;
    }

    /**
     * Creates the lock node, retrying every {@code pause} up to {@code attempts} times, then starts
     * the background loops.
     *
     * @throws FatalError {@code dashboard online failed, give up & abort :'(} when every attempt failed
     */
    public void goOnline(int attempts, Duration pause) throws InterruptedException {
        for (int i = 0; ; i++) {
            if (closed) {
                return;
            }
            try {
                mu.lock();
                try {
                    if (closed) {
                        return;
                    }
                    store.acquire(model);
                    online = true;
                } finally {
                    mu.unlock();
                }
                break;
            } catch (RuntimeException e) {
                if (i + 1 >= attempts) {
                    throw new FatalError("dashboard online failed, give up & abort :'(", e);
                }
                LOG.warn("{} dashboard online failed [{}]: {}", tag, i, e.getMessage());
                Thread.sleep(pause.toMillis());
            }
        }
        slotLoop = new SlotActionLoop(this);
        statsLoops = new StatsLoops(this);
        slotLoop.start();
        statsLoops.start();
        LOG.warn("{} dashboard is working ...", tag);
    }

    /** Stops the loops, deletes the lock node; idempotent. */
    @Override
    public void close() {
        mu.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            if (slotLoop != null) {
                slotLoop.stop();
            }
            if (statsLoops != null) {
                statsLoops.stop();
            }
            workers.shutdownNow();
            if (online) {
                online = false;
                store.release();
            }
        } finally {
            mu.unlock();
            closedLatch.countDown();
        }
    }

    public void awaitClosed() throws InterruptedException {
        closedLatch.await();
    }

    // ---------------------------------------------------------------- locking helpers

    <T> T locked(Supplier<T> body) {
        mu.lock();
        try {
            return body.get();
        } finally {
            mu.unlock();
        }
    }

    void lockedRun(Runnable body) {
        locked(() -> {
            body.run();
            return null;
        });
    }

    /** The cached view; refuses when closed or not online. Call with the lock held. */
    Topology ctx() {
        if (closed) {
            throw new ApiError(CLOSED);
        }
        if (!online) {
            throw new ApiError(NOT_ONLINE);
        }
        return cache.refill(config.migrationForwardMethod());
    }

    ExecutorService workers() {
        return workers;
    }

    ProductProxies proxyCalls() {
        return proxyCalls;
    }

    SlotMigrator migrator() {
        return migrator;
    }

    // ---------------------------------------------------------------- read-only

    public void reload() {
        lockedRun(() -> {
            ctx();
            cache.clear();
        });
    }

    public ObjectNode overview() {
        return locked(() -> {
            ctx();
            ObjectNode node = JsonCodec.mapper().createObjectNode();
            node.put("version", BuildInfo.current().version());
            node.put("compile", BuildInfo.current().compile());
            node.set("config", config.toJson());
            node.set("model", JsonCodec.mapper().valueToTree(model));
            node.set("stats", stats());
            return node;
        });
    }

    public ObjectNode stats() {
        return locked(() -> {
            Topology ctx = ctx();
            var mapper = JsonCodec.mapper();
            ObjectNode node = mapper.createObjectNode();
            node.put("closed", closed);
            node.set("slots", mapper.valueToTree(ctx.slots()));
            ObjectNode group = node.putObject("group");
            group.set("models", mapper.valueToTree(ctx.groups()));
            ObjectNode gstats = group.putObject("stats");
            Map<String, RedisStats> samples = serverStats;
            for (Group g : ctx.groups()) {
                for (GroupServer s : g.servers()) {
                    RedisStats sample = samples.get(s.addr());
                    if (sample != null) {
                        gstats.set(s.addr(), mapper.valueToTree(sample));
                    }
                }
            }
            ObjectNode proxy = node.putObject("proxy");
            proxy.set("models", mapper.valueToTree(ctx.proxies()));
            ObjectNode pstats = proxy.putObject("stats");
            new TreeMap<>(proxyStats).forEach((token, sample) -> pstats.set(token, mapper.valueToTree(sample)));
            ObjectNode action = node.putObject("slot_action");
            action.put("interval", actionInterval);
            action.put("disabled", actionDisabled);
            action.putObject("progress").put("status", progress);
            action.put("executor", executors.get());
            ObjectNode sentinels = node.putObject("sentinels");
            sentinels.set("model", mapper.valueToTree(ctx.sentinel()));
            sentinels.putObject("stats");
            sentinels.putObject("masters");
            return node;
        });
    }

    /** The 1024 slots as a proxy with no datacenter and an unknown IP sees them. */
    public List<Slot> slots() {
        return locked(() -> ctx().toSlots(null));
    }

    /** INFO of any server, with the product's password (no xauth). */
    public Map<String, String> infoServer(String addr) {
        try {
            return RedisControl.info(addr, config.productAuth(), 1000);
        } catch (RuntimeException e) {
            throw new ApiError(e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- proxies

    public void createProxy(String addr) {
        lockedRun(() -> {
            Topology ctx = ctx();
            Proxy p;
            try {
                p = proxyCalls.model(addr);
            } catch (RuntimeException e) {
                throw new ApiError("proxy@" + addr + " fetch model failed, " + e.getMessage(), e);
            }
            try {
                proxyCalls.xping(addr, p.token());
            } catch (RuntimeException e) {
                throw new ApiError("proxy@" + addr + " check xauth failed, " + e.getMessage(), e);
            }
            if (ctx.hasProxy(p.token())) {
                throw new ApiError("proxy-[" + p.token() + "] already exists");
            }
            p = p.withId(maxProxyId(ctx) + 1);
            cache.dirtyProxy(p.token());
            store.createProxy(p);
            reinit(ctx, p);
        });
    }

    public void onlineProxy(String addr) {
        lockedRun(() -> {
            Topology ctx = ctx();
            Proxy p;
            try {
                p = proxyCalls.model(addr);
            } catch (RuntimeException e) {
                throw new ApiError("proxy@" + addr + " fetch model failed", e);
            }
            try {
                proxyCalls.xping(addr, p.token());
            } catch (RuntimeException e) {
                throw new ApiError("proxy@" + addr + " check xauth failed", e);
            }
            cache.dirtyProxy(p.token());
            if (ctx.hasProxy(p.token())) {
                p = p.withId(ctx.proxy(p.token()).id());
                store.updateProxy(p);
            } else {
                p = p.withId(maxProxyId(ctx) + 1);
                store.createProxy(p);
            }
            reinit(ctx, p);
        });
    }

    public void reinitProxy(String token) {
        lockedRun(() -> {
            Topology ctx = ctx();
            reinit(ctx, ctx.proxy(token));
        });
    }

    public void removeProxy(String token, boolean force) {
        lockedRun(() -> {
            Topology ctx = ctx();
            Proxy p = ctx.proxy(token);
            try {
                proxyCalls.shutdown(p);
            } catch (RuntimeException e) {
                LOG.warn("proxy-[{}] shutdown failed, force remove = {}: {}", token, force, e.getMessage());
                if (!force) {
                    throw new ApiError("proxy-[" + token + "] shutdown failed", e);
                }
            }
            cache.dirtyProxy(token);
            store.removeProxy(p);
            Map<String, ProxyStats> left = new java.util.HashMap<>(proxyStats);
            left.remove(token);
            proxyStats = Map.copyOf(left);
        });
    }

    private static int maxProxyId(Topology ctx) {
        return ctx.proxies().stream().mapToInt(Proxy::id).max().orElse(0);
    }

    private void reinit(Topology ctx, Proxy p) {
        LOG.warn("proxy-[{}] reinit:\n{}", p.token(), JsonCodec.pretty(p));
        try {
            proxyCalls.fillSlots(p, ctx.toSlots(p));
        } catch (RuntimeException e) {
            throw new ApiError("proxy-[" + p.token() + "] fillslots failed", e);
        }
        try {
            proxyCalls.start(p);
        } catch (RuntimeException e) {
            throw new ApiError("proxy-[" + p.token() + "] start failed", e);
        }
        try {
            proxyCalls.sentinels(p, ctx.sentinel());
        } catch (RuntimeException e) {
            throw new ApiError("proxy-[" + p.token() + "] set sentinels failed", e);
        }
    }

    /** Pushes the views of {@code mappings} to every proxy at once; the first failure is the error. */
    void resyncSlotMappings(Topology ctx, List<SlotMapping> mappings) {
        if (mappings.isEmpty()) {
            return;
        }
        List<Proxy> proxies = ctx.proxies();
        List<CompletableFuture<Void>> calls = new ArrayList<>();
        for (Proxy p : proxies) {
            List<Slot> slots = mappings.stream().map(m -> ctx.toSlot(m, p)).toList();
            calls.add(CompletableFuture.runAsync(() -> proxyCalls.fillSlots(p, slots), workers));
        }
        ApiError first = null;
        for (int i = 0; i < calls.size(); i++) {
            try {
                calls.get(i).join();
            } catch (RuntimeException e) {
                LOG.warn("proxy-[{}] resync slots failed: {}", proxies.get(i).token(), e.getMessage());
                if (first == null) {
                    first = new ApiError("proxy-[" + proxies.get(i).token() + "] resync slots failed", e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    // ---------------------------------------------------------------- groups

    public void createGroup(int gid) {
        lockedRun(() -> {
            Topology ctx = ctx();
            if (gid <= 0 || gid > MAX_GROUP_ID) {
                throw new ApiError("invalid group id = " + gid + ", out of range");
            }
            if (ctx.hasGroup(gid)) {
                throw new ApiError("group-[" + gid + "] already exists");
            }
            cache.dirtyGroup(gid);
            store.createGroup(Group.create(gid));
        });
    }

    public void removeGroup(int gid) {
        lockedRun(() -> {
            Topology ctx = ctx();
            Group g = ctx.group(gid);
            if (!g.servers().isEmpty()) {
                throw new ApiError("group-[" + gid + "] isn't empty");
            }
            cache.dirtyGroup(gid);
            store.removeGroup(g);
        });
    }

    public void resyncGroup(int gid) {
        lockedRun(() -> resync(ctx(), gid));
    }

    public void resyncGroupAll() {
        lockedRun(() -> {
            Topology ctx = ctx();
            for (Group g : ctx.groups()) {
                resync(ctx, g.id());
            }
        });
    }

    private void resync(Topology ctx, int gid) {
        Group g = ctx.group(gid);
        try {
            resyncSlotMappings(ctx, ctx.slotsOfGroup(gid));
        } catch (ApiError e) {
            LOG.warn("group-[{}] resync-group failed", gid);
            throw e;
        }
        cache.dirtyGroup(gid);
        store.updateGroup(g.withOutOfSync(false));
    }

    public void addServer(int gid, String addr, String datacenter) {
        if (!addr.isEmpty()) {
            try {
                RedisControl.probe(addr, config.productAuth(), 1000);
            } catch (RuntimeException e) {
                throw new ApiError(e.getMessage(), e);
            }
        }
        lockedRun(() -> {
            Topology ctx = ctx();
            if (addr.isEmpty()) {
                throw new ApiError("invalid server address");
            }
            if (ctx.groupOfServer(addr) != null) {
                throw new ApiError("server-[" + addr + "] already exists");
            }
            Group g = ctx.group(gid);
            if (!ActionState.isNothing(g.promoting().state())) {
                throw new ApiError("group-[" + gid + "] is promoting");
            }
            sentinelOutOfSync(ctx);
            List<GroupServer> servers = new ArrayList<>(g.servers());
            servers.add(GroupServer.of(addr, datacenter));
            cache.dirtyGroup(gid);
            store.updateGroup(g.withServers(servers));
        });
    }

    public void delServer(int gid, String addr) {
        lockedRun(() -> {
            Topology ctx = ctx();
            Group g = ctx.group(gid);
            int index = indexOf(g, addr);
            if (!ActionState.isNothing(g.promoting().state())) {
                throw new ApiError("group-[" + gid + "] is promoting");
            }
            if (index == 0 && (g.servers().size() > 1 || ctx.isGroupInUse(gid))) {
                throw new ApiError("group-[" + gid + "] can't remove master, still in use");
            }
            sentinelOutOfSync(ctx);
            List<GroupServer> servers = new ArrayList<>(g.servers());
            GroupServer removed = servers.remove(index);
            Group updated = g.withServers(servers);
            if (index != 0 && removed.replicaGroup()) {
                updated = updated.withOutOfSync(true);
            }
            if (servers.isEmpty()) {
                updated = updated.withOutOfSync(false);
            }
            cache.dirtyGroup(gid);
            store.updateGroup(updated);
        });
    }

    public void replicaGroups(int gid, String addr, boolean value) {
        lockedRun(() -> {
            Topology ctx = ctx();
            Group g = ctx.group(gid);
            int index = indexOf(g, addr);
            if (!ActionState.isNothing(g.promoting().state())) {
                throw new ApiError("group-[" + gid + "] is promoting");
            }
            if (g.servers().size() > 1 && ctx.isGroupInUse(gid)) {
                g = g.withOutOfSync(true);
            }
            List<GroupServer> servers = new ArrayList<>(g.servers());
            servers.set(index, servers.get(index).withReplicaGroup(value));
            cache.dirtyGroup(gid);
            store.updateGroup(g.withServers(servers));
        });
    }

    public void replicaGroupsAll(boolean value) {
        lockedRun(() -> {
            Topology ctx = ctx();
            for (Group g : ctx.groups()) {
                if (!ActionState.isNothing(g.promoting().state())) {
                    throw new ApiError("group-[" + g.id() + "] is promoting");
                }
                if (g.servers().stream().allMatch(s -> s.replicaGroup() == value)) {
                    continue;
                }
                Group updated = g.withServers(g.servers().stream().map(s -> s.withReplicaGroup(value)).toList());
                if (g.servers().size() > 1 && ctx.isGroupInUse(g.id())) {
                    updated = updated.withOutOfSync(true);
                }
                cache.dirtyGroup(g.id());
                store.updateGroup(updated);
            }
        });
    }

    private static int indexOf(Group g, String addr) {
        for (int i = 0; i < g.servers().size(); i++) {
            if (g.servers().get(i).addr().equals(addr)) {
                return i;
            }
        }
        throw new ApiError("group-[" + g.id() + "] doesn't have server-[" + addr + "]");
    }

    private void sentinelOutOfSync(Topology ctx) {
        Sentinel s = ctx.sentinel();
        if (!s.servers().isEmpty()) {
            cache.dirtySentinel();
            store.updateSentinel(s.withOutOfSync(true));
        }
    }

    // ---------------------------------------------------------------- slots

    private static Group nonEmptyGroup(Topology ctx, int gid) {
        Group g = ctx.group(gid);
        if (g.servers().isEmpty()) {
            throw new ApiError("group-[" + gid + "] is empty");
        }
        return g;
    }

    public void createSlotAction(int sid, int gid) {
        lockedRun(() -> {
            Topology ctx = ctx();
            nonEmptyGroup(ctx, gid);
            SlotMapping m = ctx.slot(sid);
            if (!ActionState.isNothing(m.action().state())) {
                throw new ApiError("slot-[" + sid + "] action already exists");
            }
            if (m.groupId() == gid) {
                throw new ApiError("slot-[" + sid + "] already in group-[" + gid + "]");
            }
            cache.dirtySlot(sid);
            store.updateSlot(m.withAction(SlotAction.pending(ctx.maxSlotActionIndex() + 1, gid)));
        });
    }

    public void createSlotActionSome(int src, int dst, int num) {
        lockedRun(() -> {
            Topology ctx = ctx();
            nonEmptyGroup(ctx, dst);
            List<SlotMapping> picked = new ArrayList<>();
            for (SlotMapping m : ctx.slots()) {
                if (picked.size() >= num) {
                    break;
                }
                if (src != dst && m.groupId() == src && ActionState.isNothing(m.action().state())) {
                    picked.add(m);
                }
            }
            writePending(ctx, picked, dst);
        });
    }

    public void createSlotActionRange(int beg, int end, int gid) {
        lockedRun(() -> {
            Topology ctx = ctx();
            if (!(0 <= beg && beg <= end && end < io.codis.common.slot.SlotHash.SLOT_COUNT)) {
                throw new ApiError("invalid slot range [" + beg + "," + end + "]");
            }
            nonEmptyGroup(ctx, gid);
            List<SlotMapping> picked = new ArrayList<>();
            for (int sid = beg; sid <= end; sid++) {
                SlotMapping m = ctx.slot(sid);
                if (!ActionState.isNothing(m.action().state())) {
                    throw new ApiError("slot-[" + sid + "] action already exists");
                }
                if (m.groupId() == gid) {
                    throw new ApiError("slot-[" + sid + "] already in group-[" + gid + "]");
                }
                picked.add(m);
            }
            writePending(ctx, picked, gid);
        });
    }

    private void writePending(Topology ctx, List<SlotMapping> picked, int gid) {
        int index = ctx.maxSlotActionIndex();
        for (SlotMapping m : picked) {
            cache.dirtySlot(m.id());
            store.updateSlot(m.withAction(SlotAction.pending(++index, gid)));
        }
    }

    public void removeSlotAction(int sid) {
        lockedRun(() -> {
            Topology ctx = ctx();
            SlotMapping m = ctx.slot(sid);
            if (ActionState.isNothing(m.action().state())) {
                throw new ApiError("slot-[" + sid + "] action doesn't exist");
            }
            if (!ActionState.PENDING.equals(m.action().state())) {
                throw new ApiError("slot-[" + sid + "] action isn't pending");
            }
            cache.dirtySlot(sid);
            store.updateSlot(SlotMapping.assigned(sid, m.groupId()));
        });
    }

    public void setActionInterval(int value) {
        lockedRun(() -> {
            ctx();
            actionInterval = Math.max(0, Math.min(1_000_000, value));
            LOG.warn("set action interval = {}", actionInterval);
        });
    }

    public void setActionDisabled(boolean value) {
        lockedRun(() -> {
            ctx();
            actionDisabled = value;
            LOG.warn("set action disabled = {}", value);
        });
    }

    public void assignSlots(List<SlotMapping> slots) {
        lockedRun(() -> {
            Topology ctx = ctx();
            java.util.Set<Integer> groups = new java.util.TreeSet<>();
            for (SlotMapping m : slots) {
                ctx.slot(m.id());
                nonEmptyGroup(ctx, m.groupId());
                if (!ActionState.isNothing(m.action().state())) {
                    throw new ApiError("invalid slot-[" + m.id() + "] action = " + m.action().state());
                }
                groups.add(m.groupId());
            }
            for (int gid : groups) {
                Group g = ctx.group(gid);
                if (!g.outOfSync()) {
                    cache.dirtyGroup(gid);
                    store.updateGroup(g.withOutOfSync(true));
                }
            }
            List<SlotMapping> stored = new ArrayList<>();
            for (SlotMapping m : slots) {
                LOG.warn("slot-[{}] will be mapped to group-[{}]", m.id(), m.groupId());
                SlotMapping assigned = SlotMapping.assigned(m.id(), m.groupId());
                cache.dirtySlot(m.id());
                store.updateSlot(assigned);
                stored.add(assigned);
            }
            resyncSlotMappings(ctx, stored);
        });
    }

    public void assignSlotsOffline(List<SlotMapping> slots) {
        lockedRun(() -> {
            Topology ctx = ctx();
            for (SlotMapping m : slots) {
                ctx.slot(m.id());
                if (m.groupId() != 0) {
                    throw new ApiError("group of slot-[" + m.id() + "] should be 0");
                }
            }
            List<SlotMapping> stored = new ArrayList<>();
            for (SlotMapping m : slots) {
                LOG.warn("slot-[{}] will be mapped to group-[{}] (offline)", m.id(), m.groupId());
                SlotMapping offline = SlotMapping.offline(m.id());
                cache.dirtySlot(m.id());
                store.updateSlot(offline);
                stored.add(offline);
            }
            resyncSlotMappings(ctx, stored);
        });
    }

    public Map<String, Integer> rebalance(boolean confirm) {
        return locked(() -> {
            Topology ctx = ctx();
            List<Integer> groups = ctx.groups().stream().filter(g -> !g.servers().isEmpty()).map(Group::id).toList();
            TreeMap<Integer, Integer> plan = Rebalancer.plan(groups, ctx.slots());
            if (confirm) {
                int index = ctx.maxSlotActionIndex();
                for (Map.Entry<Integer, Integer> e : plan.entrySet()) {
                    SlotMapping m = ctx.slot(e.getKey());
                    cache.dirtySlot(m.id());
                    store.updateSlot(m.withAction(SlotAction.pending(++index, e.getValue())));
                }
            }
            TreeMap<String, Integer> out = new TreeMap<>();
            plan.forEach((sid, gid) -> out.put(Integer.toString(sid), gid));
            return out;
        });
    }

    // ---------------------------------------------------------------- state used by the loops

    boolean actionDisabled() {
        return actionDisabled;
    }

    int actionInterval() {
        return actionInterval;
    }

    void setProgress(String status) {
        progress = status;
    }

    AtomicInteger executors() {
        return executors;
    }

    StoreCache cache() {
        return cache;
    }

    Store store() {
        return store;
    }

    void setServerStats(Map<String, RedisStats> stats) {
        serverStats = Map.copyOf(stats);
    }

    void setProxyStats(Map<String, ProxyStats> stats) {
        proxyStats = Map.copyOf(stats);
    }

    /** Waits at most {@code millis} for the dashboard to close; true when it has. */
    boolean awaitClosed(long millis) throws InterruptedException {
        return closedLatch.await(millis, TimeUnit.MILLISECONDS);
    }
}
