package io.codis.proxy;

import io.codis.common.config.ProxyConfig;
import io.codis.common.model.Slot;
import io.codis.common.slot.SlotHash;
import io.codis.common.testkit.FreePorts;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.Jedis;

/** A data plane in this JVM on a free port, with slots filled directly through its router. */
final class ProxyFixture implements AutoCloseable {

    static {
        // PARANOID (the build's default) records a stack trace per buffer access: the data plane tests
        // sample leaks instead; LeakTest turns PARANOID on for its own test.
        io.netty.util.ResourceLeakDetector.setLevel(io.netty.util.ResourceLeakDetector.Level.SIMPLE);
    }

    final DataPlane plane;
    final int port;

    private ProxyFixture(String toml, int loops, int maxLoops) {
        this.port = FreePorts.next();
        ProxyConfig config = ProxyConfig.parse("proto_type = \"tcp4\"\nproxy_addr = \"127.0.0.1:" + port + "\"\n" + toml);
        this.plane = new DataPlane(config, loops, maxLoops);
        plane.listen();
    }

    static ProxyFixture start(String toml) {
        return start(toml, 2);
    }

    static ProxyFixture start(String toml, int loops) {
        return start(toml, loops, loops);
    }

    /** {@code loops} event loops take the clients, up to {@code maxLoops} once {@link DataPlane#startLoopTuning()}. */
    static ProxyFixture start(String toml, int loops, int maxLoops) {
        return new ProxyFixture(toml, loops, maxLoops);
    }

    /** Slot i goes to {@code addrs[i % n]}. */
    ProxyFixture fillSpread(List<String> addrs) {
        List<Slot> slots = new ArrayList<>();
        for (int i = 0; i < SlotHash.SLOT_COUNT; i++) {
            slots.add(slot(i, addrs.get(i % addrs.size()), false));
        }
        plane.router().fillSlots(slots);
        return this;
    }

    ProxyFixture online() {
        plane.router().start();
        return this;
    }

    static Slot slot(int id, String addr, boolean locked) {
        return new Slot(id, locked, addr, addr.isEmpty() ? 0 : 1, "", 0, Slot.FORWARD_SYNC, List.of());
    }

    RawClient raw() {
        return new RawClient(port);
    }

    Jedis jedis() {
        return new Jedis("127.0.0.1", port, 20_000);
    }

    @Override
    public void close() {
        plane.close();
    }
}
