package io.codis.proxy;

import static io.codis.common.testkit.SlotKeys.keyIn;
import static org.assertj.core.api.Assertions.assertThat;

import io.codis.common.testkit.Await;
import io.codis.common.testkit.RedisServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * Pub/sub through proxies over four servers (slot i on server i % 4, proxy_max_owned_conns = 8): a
 * subscriber's whole conversation (confirmations, messages, pattern messages from channels of every
 * group, subscribed-mode refusals and PINGs, unsubscribe replies) byte for byte as with plain Redis,
 * each message once, with the publisher on the same proxy or another; a subscriber that disconnects
 * leaves no subscription on any server; without owned connections, the original's refusals.
 */
class PubSubTest {

    static final List<RedisServer> SERVERS = new ArrayList<>();
    static RedisServer plain;
    static ProxyFixture proxy;
    static ProxyFixture other;

    @BeforeAll
    static void start() {
        for (int i = 0; i < 4; i++) {
            SERVERS.add(RedisServer.start());
        }
        plain = RedisServer.start();
        List<String> addrs = SERVERS.stream().map(RedisServer::addr).toList();
        proxy = ProxyFixture.start("proxy_max_owned_conns = 8", 1).fillSpread(addrs).online();
        other = ProxyFixture.start("proxy_max_owned_conns = 8", 1).fillSpread(addrs).online();
    }

    @AfterAll
    static void stop() {
        for (ProxyFixture p : new ProxyFixture[] {proxy, other}) {
            if (p != null) {
                p.close();
            }
        }
        SERVERS.forEach(RedisServer::close);
        SERVERS.clear();
        if (plain != null) {
            plain.close();
        }
    }

    /** A channel of slot {@code sid}, so of server {@code sid % 4}. */
    static String channel(String prefix, int sid) {
        return prefix + "{" + keyIn(sid) + "}";
    }

    /** A subscriber on {@code subPort} and a publisher on {@code pubPort}: every reply each one read, in order. */
    static List<String> conversation(String prefix, int subPort, int pubPort) {
        return conversation(prefix, subPort, pubPort, false);
    }

    /** {@link #conversation(String, int, int)}, the subscriber in RESP3 (HELLO 3 first) with {@code resp3}. */
    static List<String> conversation(String prefix, int subPort, int pubPort, boolean resp3) {
        String a = channel(prefix + ".a", 1);
        String b = channel(prefix + ".b", 2);
        List<String> seen = new ArrayList<>();
        try (RawClient sub = new RawClient(subPort); RawClient pub = new RawClient(pubPort)) {
            if (resp3) {
                assertThat(sub.call("HELLO", "3")).startsWith("%7\r\n");
            }
            seen.add(sub.call("SUBSCRIBE", a, b));
            seen.add(sub.readReply());
            seen.add(sub.call("PSUBSCRIBE", prefix + ":*"));
            seen.add(pub.call("PUBLISH", a, "hello"));
            seen.add(sub.readReply());
            for (int sid = 0; sid < 4; sid++) {
                seen.add(pub.call("PUBLISH", channel(prefix + ":", sid), "to group " + sid));
                seen.add(sub.readReply());
            }
            seen.add(sub.call("SUBSCRIBE", a));
            seen.add(sub.call("GET", a));
            seen.add(sub.call("PING"));
            if (!resp3) { // a RESP3 subscriber's PING is the ordinary one: through the proxy, its argument names a backend
                seen.add(sub.call("PING", "hi"));
            }
            seen.add(sub.call("UNSUBSCRIBE", b, "never"));
            seen.add(sub.readReply());
            seen.add(pub.call("PUBLISH", b, "not heard"));
            seen.add(pub.call("PUBLISH", a, "heard"));
            seen.add(sub.readReply());
            seen.add(sub.call("PING"));
            seen.add(sub.call("UNSUBSCRIBE"));
            seen.add(sub.call("PUNSUBSCRIBE"));
            seen.add(sub.call("PUNSUBSCRIBE"));
            seen.add(sub.call("UNSUBSCRIBE"));
            seen.add(sub.call("GET", a));
            seen.add(sub.call("PUBLISH", a));
            seen.add(sub.call("SUBSCRIBE", b));
            seen.add(sub.call("RESET"));
            seen.add(sub.call("GET", b));
            seen.add(sub.call("PSUBSCRIBE", prefix + ":*"));
            seen.add(sub.call("QUIT"));
            seen.add(String.valueOf(sub.isClosedByPeer()));
        }
        return seen;
    }

    @Test
    void aSubscriberHearsEachMessageOnceAsFromRedis() {
        List<String> expected = conversation("same", plain.port(), plain.port());
        assertThat(expected).contains("*3\r\n$7\r\nmessage\r\n$" + channel("same.a", 1).length() + "\r\n"
                + channel("same.a", 1) + "\r\n$5\r\nhello\r\n");
        assertThat(conversation("same", proxy.port, proxy.port)).isEqualTo(expected);
    }

    @Test
    void aPublisherOnAnotherProxyReachesTheSubscriber() {
        assertThat(conversation("there", proxy.port, other.port)).isEqualTo(conversation("there", plain.port(), plain.port()));
        assertThat(conversation("back", other.port, proxy.port)).isEqualTo(conversation("back", plain.port(), plain.port()));
    }

    /** Shard channels (SSUBSCRIBE, SPUBLISH, SUNSUBSCRIBE) beside a plain channel: every reply each client read. */
    static List<String> shardConversation(String prefix, int subPort, int pubPort) {
        return shardConversation(prefix, subPort, pubPort, false);
    }

    /** {@link #shardConversation(String, int, int)}, the subscriber in RESP3 (HELLO 3 first) with {@code resp3}. */
    static List<String> shardConversation(String prefix, int subPort, int pubPort, boolean resp3) {
        String a = channel(prefix + ".a", 1);
        String b = channel(prefix + ".b", 2);
        List<String> seen = new ArrayList<>();
        try (RawClient sub = new RawClient(subPort); RawClient pub = new RawClient(pubPort)) {
            if (resp3) {
                assertThat(sub.call("HELLO", "3")).startsWith("%7\r\n");
            }
            seen.add(sub.call("SSUBSCRIBE", a, b));
            seen.add(sub.readReply());
            seen.add(sub.call("SUBSCRIBE", a));
            seen.add(pub.call("SPUBLISH", b, "sharded"));
            seen.add(sub.readReply());
            seen.add(pub.call("PUBLISH", a, "plain"));
            seen.add(sub.readReply());
            seen.add(pub.call("SPUBLISH", a, "sharded too"));
            seen.add(sub.readReply());
            seen.add(sub.call("SSUBSCRIBE", a));
            seen.add(pub.call("PUBSUB", "SHARDNUMSUB", a, b, "never"));
            seen.add(pub.call("PUBSUB", "SHARDCHANNELS", prefix + ".b*"));
            seen.add(sub.call("GET", a));
            seen.add(sub.call("SUNSUBSCRIBE", b, "never"));
            seen.add(sub.readReply());
            seen.add(sub.call("UNSUBSCRIBE"));
            seen.add(sub.call("PING"));
            seen.add(sub.call("SUNSUBSCRIBE"));
            seen.add(sub.call("SUNSUBSCRIBE"));
            seen.add(sub.call("GET", a));
            seen.add(sub.call("SPUBLISH", a));
            seen.add(sub.call("SSUBSCRIBE"));
        }
        return seen;
    }

    @Test
    void shardChannelsAnswerAsRedis() {
        List<String> expected = shardConversation("shard", plain.port(), plain.port());
        assertThat(expected).contains("*3\r\n$8\r\nsmessage\r\n$" + channel("shard.b", 2).length() + "\r\n"
                + channel("shard.b", 2) + "\r\n$7\r\nsharded\r\n");
        assertThat(shardConversation("shard", proxy.port, other.port)).isEqualTo(expected);
    }

    @Test
    void aResp3SubscriberGetsPushesAndRunsAnyCommandAsWithRedis() {
        List<String> expected = conversation("three", plain.port(), plain.port(), true);
        assertThat(expected).contains(">3\r\n$7\r\nmessage\r\n$" + channel("three.a", 1).length() + "\r\n"
                + channel("three.a", 1) + "\r\n$5\r\nhello\r\n", "_\r\n", "+PONG\r\n");
        assertThat(conversation("three", proxy.port, other.port, true)).isEqualTo(expected);
        assertThat(shardConversation("three", proxy.port, proxy.port, true))
                .isEqualTo(shardConversation("three", plain.port(), plain.port(), true));
    }

    @Test
    void aResp3SubscriberThatSaysHello2HearsArraysAsWithRedis() {
        String a = channel("back2", 1);
        List<List<String>> seen = new ArrayList<>();
        for (int port : new int[] {plain.port(), proxy.port}) {
            List<String> replies = new ArrayList<>();
            try (RawClient sub = new RawClient(port); RawClient pub = new RawClient(port)) {
                sub.call("HELLO", "3");
                replies.add(sub.call("SUBSCRIBE", a));
                replies.add(pub.call("PUBLISH", a, "pushed"));
                replies.add(sub.readReply());
                replies.add(sub.call("HELLO", "2").substring(0, 4));
                replies.add(pub.call("PUBLISH", a, "in an array"));
                replies.add(sub.readReply());
                replies.add(sub.call("GET", a));
                replies.add(sub.call("UNSUBSCRIBE"));
                replies.add(sub.call("GET", a));
            }
            seen.add(replies);
        }
        assertThat(seen.get(0)).contains("*14\r", "*3\r\n$7\r\nmessage\r\n$" + a.length() + "\r\n" + a + "\r\n$11\r\nin an array\r\n");
        assertThat(seen.get(1)).isEqualTo(seen.get(0));
    }

    @Test
    void aSubscribePipelinedWithResetIsAnsweredThenReset() {
        String pipeline = new String(RawClient.encode("SUBSCRIBE", channel("piped", 0), channel("piped", 1)))
                + new String(RawClient.encode("RESET")) + new String(RawClient.encode("GET", "piped"));
        List<List<String>> seen = new ArrayList<>();
        for (int port : new int[] {plain.port(), proxy.port}) {
            try (RawClient c = new RawClient(port)) {
                c.send(pipeline);
                seen.add(List.of(c.readReply(), c.readReply(), c.readReply(), c.readReply()));
            }
        }
        assertThat(seen.get(1)).isEqualTo(seen.get(0));
    }

    @Test
    void aSubscriberThatDisconnectsLeavesNoSubscriptionOnAnyServer() {
        try (RawClient sub = proxy.raw()) {
            for (int sid = 0; sid < 4; sid++) {
                sub.call("SUBSCRIBE", channel("gone", sid));
            }
            assertThat(sub.call("PSUBSCRIBE", "gone:*")).endsWith(":5\r\n");
            for (int i = 0; i < 4; i++) {
                assertThat(numpat(SERVERS.get(i))).isEqualTo(1);
                assertThat(numsub(SERVERS.get(i), channel("gone", i))).isEqualTo(1);
            }
        }
        for (RedisServer server : SERVERS) {
            Await.until("no pattern left on " + server.addr(), () -> numpat(server) == 0);
        }
        for (int i = 0; i < 4; i++) {
            assertThat(numsub(SERVERS.get(i), channel("gone", i))).isZero();
        }
        Await.until("every session closed", () -> proxy.plane.stats().sessions().alive(), n -> n == 0);
        try (RawClient again = proxy.raw()) { // every owned connection came back: 4 + 4 fit in the limit of 8
            assertThat(again.call("PSUBSCRIBE", "again:*")).isEqualTo("*3\r\n$10\r\npsubscribe\r\n$7\r\nagain:*\r\n:1\r\n");
            assertThat(again.call("SUBSCRIBE", channel("again", 0), channel("again", 1), channel("again", 2), channel("again", 3)))
                    .endsWith(":2\r\n");
        }
    }

    @Test
    void withoutOwnedConnectionsTheOriginalRefusesAndPastTheLimitTheSubscriptionIsRefused() {
        try (ProxyFixture original = ProxyFixture.start("", 1).fillSpread(SERVERS.stream().map(RedisServer::addr).toList()).online();
                RawClient c = original.raw()) {
            for (String name : new String[] {"SUBSCRIBE", "PSUBSCRIBE", "UNSUBSCRIBE", "PUNSUBSCRIBE", "PUBLISH", "SSUBSCRIBE", "SUNSUBSCRIBE", "SPUBLISH"}) {
                assertThat(c.call(name, "ch", "x")).isEqualTo("-ERR handle request, command '" + name + "' is not allowed\r\n");
            }
        }
        try (ProxyFixture small = ProxyFixture.start("proxy_max_owned_conns = 2", 1)
                .fillSpread(SERVERS.stream().map(RedisServer::addr).toList()).online(); RawClient c = small.raw()) {
            assertThat(c.call("PSUBSCRIBE", "p:*")).isEqualTo("-ERR handle request, max number of owned backend connections reached\r\n");
            assertThat(c.call("GET", "p:x")).isEqualTo("$-1\r\n");
            assertThat(c.call("SUBSCRIBE", channel("small", 0), channel("small", 1))).endsWith(":1\r\n");
            assertThat(c.readReply()).endsWith(":2\r\n");
            assertThat(c.call("UNSUBSCRIBE")).endsWith(":1\r\n");
            assertThat(c.readReply()).endsWith(":0\r\n");
            try (RawClient next = small.raw()) { // no subscription left: both connections came back
                assertThat(next.call("SUBSCRIBE", channel("small", 2), channel("small", 3))).endsWith(":1\r\n");
                assertThat(next.readReply()).endsWith(":2\r\n");
            }
        }
    }

    @Test
    void pubsubCountsTheSubscribersOfEveryGroup() {
        String[] names = {channel("count", 0), channel("count", 1), channel("count", 2), channel("count", 3)};
        try (RawClient one = proxy.raw(); RawClient two = other.raw(); RawClient ask = proxy.raw()) {
            assertThat(one.call("SUBSCRIBE", names[0], names[1], names[2], names[3])).endsWith(":1\r\n");
            for (int i = 1; i < 4; i++) {
                one.readReply();
            }
            assertThat(two.call("SUBSCRIBE", names[2])).endsWith(":1\r\n");
            assertThat(two.call("PSUBSCRIBE", "count:*")).endsWith(":2\r\n");
            assertThat(ask.call("CLIENT", "LIST")).containsOnlyOnce(" flags=P ").contains(" sub=4 psub=0 ")
                    .doesNotContain(" sub=1 psub=1 "); // the second subscriber is on the other proxy
            String numsub = ask.call("PUBSUB", "NUMSUB", names[0], names[2], "count-none");
            assertThat(numsub).isEqualTo("*6\r\n$" + names[0].length() + "\r\n" + names[0] + "\r\n:1\r\n$" + names[2].length()
                    + "\r\n" + names[2] + "\r\n:2\r\n$10\r\ncount-none\r\n:0\r\n");
            assertThat(ask.call("PUBSUB", "NUMSUB")).isEqualTo("*0\r\n");
            // the patterns of the other tests' subscribers end with their connections, soon after they closed
            Await.until("one pattern counted", () -> ask.call("PUBSUB", "NUMPAT"), n -> n.equals(":1\r\n"));
            String channels = ask.call("PUBSUB", "CHANNELS", "count*");
            assertThat(channels).startsWith("*4\r\n");
            for (String name : names) {
                assertThat(channels).containsOnlyOnce("\r\n" + name + "\r\n");
            }
            assertThat(ask.call("PUBSUB", "CHANNELS", "nothing*")).isEqualTo("*0\r\n");
        }
    }

    static long numpat(RedisServer server) {
        try (Jedis jedis = new Jedis("127.0.0.1", server.port())) {
            return jedis.pubsubNumPat();
        }
    }

    static long numsub(RedisServer server, String channel) {
        try (Jedis jedis = new Jedis("127.0.0.1", server.port())) {
            return jedis.pubsubNumSub(channel).get(channel);
        }
    }
}
