package io.codis.admin.ha;

import static org.assertj.core.api.Assertions.assertThat;

import io.codis.common.testkit.Await;
import io.codis.common.testkit.RedisServer;
import io.codis.proxy.ProxyServer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * {@code codis-admin --promote-server} and {@code --sync-action} against the real dashboard, real
 * proxies and real redis-servers (started from the command line, so without a config file): the
 * stored states, each server's replication, the status lines, and the writes of a client that goes on
 * through the promote.
 */
class PromoteAndSyncTest {
    @Test
    void syncActionsMakeTheServerReplicateFromItsMasterInOneTransaction() throws Exception {
        try (RedisServer a = HaServers.redis(); RedisServer b = HaServers.redis(); RedisServer c = HaServers.redis();
                AdminDashboard d = new AdminDashboard("codis-sync", "")) {
            d.ok("--create-group", "--gid=1");
            d.ok("--group-add", "--gid=1", "--addr=" + a.addr());
            d.ok("--group-add", "--gid=1", "--addr=" + b.addr());
            d.ok("--create-group", "--gid=2");
            d.ok("--group-add", "--gid=2", "--addr=" + c.addr());

            assertThat(d.ok("--sync-action", "--create", "--addr=" + b.addr())).isEmpty();
            // without a config file CONFIG REWRITE fails, but the replication is applied: synced
            Await.until("the sync action of the replica", () -> d.actionState(1, b.addr()), "synced"::equals);
            Await.until("the replica replicating from the master", () -> HaServers.replicates(b, a));
            d.ok("--sync-action", "--create", "--addr=" + a.addr());
            Await.until("the sync action of the master", () -> d.actionState(1, a.addr()), "synced"::equals);
            assertThat(HaServers.replication(a).get("role")).isEqualTo("master");

            String width = "%-" + Math.max(a.addr().length(), b.addr().length()) + "s";
            Await.until("the status lines of group 1", () -> d.ok("--group-status"), out -> out.startsWith(
                    "[ ] group-1 [0] " + String.format(width, a.addr()) + "      ==> NO:ONE\n"
                    + "[ ] group-1 [1] " + String.format(width, b.addr()) + "      ==> " + a.addr() + ":up\n"));

            d.ok("--sync-action", "--remove", "--addr=" + b.addr());
            assertThat(d.actionState(1, b.addr())).isEmpty();
            assertThat(d.remoteError("--sync-action", "--remove", "--addr=" + b.addr()))
                    .isEqualTo("server-[" + b.addr() + "] action doesn't exist");
            assertThat(d.remoteError("--sync-action", "--create", "--addr=127.0.0.1:1"))
                    .isEqualTo("server-[127.0.0.1:1] doesn't exist");
            assertThat(d.admin("--sync-action", "--addr=" + b.addr())).isEqualTo(1);

            c.stop();
            d.ok("--sync-action", "--create", "--addr=" + c.addr());
            Await.until("the sync action of a server that is down", () -> d.actionState(2, c.addr()),
                    "synced_failed"::equals);
        }
    }

    @Test
    void promoteWhileAClientWritesNoWriteGoesToTheOldMasterAfterItAndNoneIsLost() throws Exception {
        try (RedisServer a = HaServers.redis(); RedisServer b = HaServers.replicaOf(a);
                AdminDashboard d = new AdminDashboard("codis-promote", "")) {
            ProxyServer proxy = d.addProxy();
            d.groupWithEverySlot(1, a.addr(), b.addr());
            Await.until("the replica in sync", () -> HaServers.replicates(b, a));

            assertThat(d.remoteError("--promote-server", "--gid=1", "--addr=" + a.addr()))
                    .isEqualTo("group-[1] can't promote master");
            assertThat(d.remoteError("--promote-server", "--gid=1", "--addr=127.0.0.1:1"))
                    .isEqualTo("group-[1] doesn't have server-[127.0.0.1:1]");

            List<Integer> acked = new CopyOnWriteArrayList<>();
            List<String> failures = new CopyOnWriteArrayList<>();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger next = new AtomicInteger();
            Thread writer = new Thread(() -> {
                try (Jedis client = AdminDashboard.client(proxy)) {
                    while (!stop.get()) {
                        int i = next.getAndIncrement();
                        try {
                            client.set("k" + i, Integer.toString(i));
                            acked.add(i);
                        } catch (RuntimeException e) {
                            failures.add("k" + i + ": " + e.getMessage());
                        }
                    }
                }
            });
            writer.start();
            Await.until("writes before the promote", () -> acked.size() > 200);
            String printed = d.ok("--promote-server", "--gid=1", "--addr=" + b.addr());
            int ackedBeforeReturn = acked.size();
            Await.until("writes after the promote", () -> acked.size() > ackedBeforeReturn + 200);
            stop.set(true);
            writer.join();

            assertThat(failures).isEmpty();
            assertThat(printed).contains("group-1 [0] " + b.addr());
            assertThat(d.servers(1)).containsExactly(b.addr(), a.addr());
            assertThat(d.group(1).get("promoting").isEmpty()).isTrue();
            assertThat(HaServers.replication(b).get("role")).isEqualTo("master");
            try (Jedis onB = new Jedis("127.0.0.1", b.port()); Jedis onA = new Jedis("127.0.0.1", a.port())) {
                for (int i : acked) {
                    assertThat(onB.get("k" + i)).as("acknowledged k" + i + " on the new master").isEqualTo(Integer.toString(i));
                }
                long onOld = onA.dbSize();
                assertThat(onOld).as("keys on the old master").isLessThanOrEqualTo(ackedBeforeReturn);
                for (int i : acked.subList(ackedBeforeReturn, acked.size())) {
                    assertThat(onA.exists("k" + i)).as("k" + i + ", written after the promote, on the old master").isFalse();
                }
            }

            // the old master is last and still a master, as in the original: its sync action re-attaches it
            d.ok("--sync-action", "--create", "--addr=" + a.addr());
            Await.until("the old master replicating from the new one", () -> HaServers.replicates(a, b));
            Await.until("the status of the promoted group", () -> d.ok("--group-status"),
                    out -> out.lines().allMatch(line -> line.startsWith("[ ] ")) && out.contains(b.addr() + ":up"));
        }
    }
}
