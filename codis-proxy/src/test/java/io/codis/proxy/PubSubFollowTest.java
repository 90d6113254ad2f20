package io.codis.proxy;

import static io.codis.common.testkit.SlotKeys.keyIn;
import static org.assertj.core.api.Assertions.assertThat;

import io.codis.common.model.Slot;
import io.codis.common.slot.SlotHash;
import io.codis.common.testkit.Await;
import io.codis.common.testkit.RedisServer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/**
 * Subscriptions follow the slot table across two proxies: a subscriber on one proxy, a publisher on
 * the other, slots spread over two servers and then over three (a group added, slots moved to it,
 * one slot migrating): once both proxies have the new table every message published reaches the
 * subscriber exactly once, and the old masters keep no subscription of a channel that moved.
 */
class PubSubFollowTest {

    private final List<RedisServer> servers = new ArrayList<>();
    private ProxyFixture subscriberProxy;
    private ProxyFixture publisherProxy;

    @BeforeEach
    void start() {
        for (int i = 0; i < 3; i++) {
            servers.add(RedisServer.start());
        }
        subscriberProxy = ProxyFixture.start("proxy_max_owned_conns = 16", 1).fillSpread(addrs(2)).online();
        publisherProxy = ProxyFixture.start("proxy_max_owned_conns = 16", 1).fillSpread(addrs(2)).online();
    }

    @AfterEach
    void stop() {
        for (ProxyFixture p : new ProxyFixture[] {subscriberProxy, publisherProxy}) {
            if (p != null) {
                p.close();
            }
        }
        servers.forEach(RedisServer::close);
    }

    private List<String> addrs(int n) {
        return servers.subList(0, n).stream().map(RedisServer::addr).toList();
    }

    /** Both proxies get the slots over three servers, the subscriber's first; slot {@code migrating} moves from server 0 to 2. */
    private void spreadOverThree(int migrating) {
        for (ProxyFixture p : new ProxyFixture[] {subscriberProxy, publisherProxy}) {
            p.fillSpread(addrs(3));
            if (migrating >= 0) {
                p.plane.router().fillSlots(List.of(new Slot(migrating, false, servers.get(2).addr(), 3,
                        servers.get(0).addr(), 1, Slot.FORWARD_SYNC, List.of())));
            }
        }
    }

    private static String channel(String prefix, int sid) {
        return prefix + "{" + keyIn(sid) + "}";
    }

    private String numsub(int server, String channel) {
        try (RawClient direct = new RawClient(servers.get(server).port())) {
            return direct.call("PUBSUB", "NUMSUB", channel);
        }
    }

    @Test
    void channelSubscriptionsMoveWithTheirSlotsToTheNewGroup() {
        List<String> channels = new ArrayList<>();
        for (int sid = 0; sid < 12; sid++) {
            channels.add(channel("follow", sid));
        }
        int migrating = 6; // on server 0 with two servers (6 % 2), server 2 (its target) after
        String shard = channel("shard", 5); // server 1, then server 2 (5 % 3)
        try (RawClient sub = subscriberProxy.raw(); RawClient pub = publisherProxy.raw()) {
            sub.sendBytes(RawClient.encode(concat("SUBSCRIBE", channels)));
            for (int i = 0; i < channels.size(); i++) {
                assertThat(sub.readReply()).startsWith("*3\r\n$9\r\nsubscribe\r\n");
            }
            assertThat(sub.call("SSUBSCRIBE", shard)).startsWith("*3\r\n$10\r\nssubscribe\r\n");
            spreadOverThree(migrating);

            Set<String> expected = new HashSet<>();
            for (String channel : channels) {
                assertThat(pub.call("PUBLISH", channel, "m-" + channel)).as(channel).isEqualTo(":1\r\n");
                expected.add(message(channel, "m-" + channel));
            }
            assertThat(pub.call("SPUBLISH", shard, "sharded")).isEqualTo(":1\r\n");
            Set<String> received = new HashSet<>();
            for (int i = 0; i < channels.size(); i++) {
                assertThat(received.add(sub.readReply())).as("each message once").isTrue();
            }
            assertThat(received).isEqualTo(expected);
            assertThat(sub.readReply()).isEqualTo("*3\r\n$8\r\nsmessage\r\n$" + shard.length() + "\r\n" + shard
                    + "\r\n$7\r\nsharded\r\n");
            assertThat(sub.call("PING")).as("nothing more").isEqualTo("*2\r\n$4\r\npong\r\n$0\r\n\r\n");

            for (int sid = 0; sid < 12; sid++) {
                int before = sid % 2;
                int now = sid == migrating ? 2 : sid % 3;
                String channel = channels.get(sid);
                if (before != now) {
                    Await.until(channel + " left on server " + before, () -> numsub(before, channel),
                            reply -> reply.endsWith(":0\r\n"));
                }
                assertThat(numsub(now, channel)).as(channel).endsWith(":1\r\n");
            }
            assertThat(sub.call("UNSUBSCRIBE")).contains("unsubscribe");
        }
    }

    @Test
    void aPatternReachesAGroupAddedAfterThePsubscribe() {
        try (RawClient sub = subscriberProxy.raw(); RawClient pub = publisherProxy.raw()) {
            assertThat(sub.call("PSUBSCRIBE", "news.*")).isEqualTo("*3\r\n$10\r\npsubscribe\r\n$6\r\nnews.*\r\n:1\r\n");
            spreadOverThree(-1);
            for (int sid = 0; sid < 3; sid++) {
                String channel = channel("news.", sid);
                assertThat(SlotHash.slotOf(channel) % 3).isEqualTo(sid);
                assertThat(pub.call("PUBLISH", channel, "n" + sid)).as(channel).isEqualTo(":1\r\n");
                assertThat(sub.readReply()).isEqualTo("*4\r\n$8\r\npmessage\r\n$6\r\nnews.*\r\n$" + channel.length() + "\r\n"
                        + channel + "\r\n$2\r\nn" + sid + "\r\n");
            }
            subscriberProxy.fillSpread(addrs(2));
            publisherProxy.fillSpread(addrs(2));
            Await.until("the pattern left the group without slots", () -> {
                try (RawClient direct = new RawClient(servers.get(2).port())) {
                    return direct.call("PUBSUB", "NUMPAT");
                }
            }, ":0\r\n"::equals);
            assertThat(sub.call("PING")).isEqualTo("*2\r\n$4\r\npong\r\n$0\r\n\r\n");
        }
    }

    private static String message(String channel, String text) {
        return "*3\r\n$7\r\nmessage\r\n$" + channel.length() + "\r\n" + channel + "\r\n$" + text.length() + "\r\n" + text + "\r\n";
    }

    private static String[] concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all.toArray(String[]::new);
    }

    @Test
    void aJedisSubscriberKeepsHearingEveryChannelAfterTheSlotsMove() throws Exception {
        List<String> channels = new ArrayList<>();
        for (int sid = 0; sid < 6; sid++) {
            channels.add(channel("jedis", sid));
        }
        BlockingQueue<String> heard = new LinkedBlockingQueue<>();
        CountDownLatch subscribed = new CountDownLatch(channels.size());
        JedisPubSub listener = new JedisPubSub() {
            @Override
            public void onMessage(String channel, String message) {
                heard.add(channel + "=" + message);
            }

            @Override
            public void onSubscribe(String channel, int count) {
                subscribed.countDown();
            }
        };
        Thread subscriber = new Thread(() -> {
            try (Jedis jedis = subscriberProxy.jedis()) {
                jedis.subscribe(listener, channels.toArray(String[]::new));
            }
        }, "jedis-subscriber");
        subscriber.start();
        try (Jedis pub = publisherProxy.jedis()) {
            assertThat(subscribed.await(10, TimeUnit.SECONDS)).isTrue();
            spreadOverThree(-1);
            Set<String> expected = new HashSet<>();
            for (String channel : channels) {
                assertThat(pub.publish(channel, "after")).as(channel).isEqualTo(1L);
                expected.add(channel + "=after");
            }
            Set<String> received = new HashSet<>();
            for (int i = 0; i < channels.size(); i++) {
                String message = heard.poll(10, TimeUnit.SECONDS);
                assertThat(message).as("message " + i).isNotNull();
                received.add(message);
            }
            assertThat(received).isEqualTo(expected);
        } finally {
            listener.unsubscribe();
            subscriber.join(10_000);
        }
        assertThat(heard).as("each message once").isEmpty();
    }
}
