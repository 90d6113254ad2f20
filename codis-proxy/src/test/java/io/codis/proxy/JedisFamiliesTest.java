package io.codis.proxy;

import static io.codis.proxy.MultiKeyTest.keysOnAllBackends;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codis.common.slot.SlotHash;
import io.codis.common.testkit.RedisServer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.GeoCoordinate;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.args.GeoUnit;
import redis.clients.jedis.args.ListDirection;
import redis.clients.jedis.args.ListPosition;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.GetExParams;
import redis.clients.jedis.params.SortingParams;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.params.XReadParams;
import redis.clients.jedis.resps.GeoRadiusResponse;
import redis.clients.jedis.resps.Tuple;

/**
 * Each command family as an application uses it through Jedis' typed API: keys spread over the four
 * servers behind the proxy, multi-key calls on hash-tagged keys, pipelines, scripts.
 */
class JedisFamiliesTest extends FourServerProxyTest {

    @BeforeAll
    static void loadTheFunctionLibraryOnEveryServer() {
        for (RedisServer server : SERVERS) {
            try (Jedis direct = new Jedis("127.0.0.1", server.port())) {
                direct.functionLoad(CommandExamples.FUNCTION_LIBRARY);
            }
        }
    }

    @Test
    void strings() {
        try (Jedis jedis = proxy.jedis()) {
            for (String key : keysOnAllBackends("jf:str:", 12)) {
                assertThat(jedis.set(key, "hello")).isEqualTo("OK");
                assertThat(jedis.append(key, " world")).isEqualTo(11);
                assertThat(jedis.getrange(key, 6, -1)).isEqualTo("world");
                assertThat(jedis.setnx(key, "other")).isZero();
                assertThat(jedis.getEx(key, GetExParams.getExParams().ex(100))).isEqualTo("hello world");
                assertThat(jedis.ttl(key)).isBetween(1L, 100L);
                assertThat(jedis.incrBy(key + ":n", 5)).isEqualTo(5);
                assertThat(jedis.incrByFloat(key + ":n", 0.5)).isEqualTo(5.5);
                assertThat(jedis.getDel(key)).isEqualTo("hello world");
                assertThat(jedis.get(key)).isNull();
            }
        }
    }

    @Test
    void bitmaps() {
        try (Jedis jedis = proxy.jedis()) {
            for (String key : keysOnAllBackends("jf:bit:", 8)) {
                assertThat(jedis.setbit(key, 3, true)).isFalse();
                assertThat(jedis.setbit(key, 12, true)).isFalse();
                assertThat(jedis.getbit(key, 3)).isTrue();
                assertThat(jedis.bitcount(key)).isEqualTo(2);
                assertThat(jedis.bitpos(key, true)).isEqualTo(3);
                assertThat(jedis.bitfield(key + ":f", "INCRBY", "u8", "0", "250", "INCRBY", "u8", "0", "10"))
                        .containsExactly(250L, 4L);
            }
        }
    }

    @Test
    void hashes() {
        try (Jedis jedis = proxy.jedis()) {
            for (String key : keysOnAllBackends("jf:user:", 8)) {
                assertThat(jedis.hset(key, Map.of("name", "ada", "visits", "1"))).isEqualTo(2);
                assertThat(jedis.hincrBy(key, "visits", 2)).isEqualTo(3);
                assertThat(jedis.hsetnx(key, "name", "bob")).isZero();
                assertThat(jedis.hgetAll(key)).isEqualTo(Map.of("name", "ada", "visits", "3"));
                assertThat(jedis.hmget(key, "name", "missing")).containsExactly("ada", null);
                assertThat(jedis.hscan(key, "0").getResult()).extracting(Map.Entry::getKey)
                        .containsExactlyInAnyOrder("name", "visits");
                assertThat(jedis.hrandfield(key)).isIn("name", "visits");
                assertThat(jedis.hdel(key, "visits")).isEqualTo(1);
                assertThat(jedis.hlen(key)).isEqualTo(1);
            }
        }
    }

    @Test
    void listsIncludingTaggedMovesAndRefusedBlockingPops() {
        try (Jedis jedis = proxy.jedis()) {
            for (String tag : keysOnAllBackends("jf:queue", 8)) {
                String pending = "{" + tag + "}pending";
                String working = "{" + tag + "}working";
                assertThat(jedis.rpush(pending, "a", "b", "c")).isEqualTo(3);
                assertThat(jedis.lmove(pending, working, ListDirection.LEFT, ListDirection.RIGHT)).isEqualTo("a");
                assertThat(jedis.rpoplpush(pending, working)).isEqualTo("c");
                assertThat(jedis.lrange(working, 0, -1)).containsExactly("c", "a");
                assertThat(jedis.lpos(working, "a")).isEqualTo(1);
                assertThat(jedis.linsert(working, ListPosition.BEFORE, "a", "z")).isEqualTo(3);
                assertThat(jedis.lrem(working, 0, "z")).isEqualTo(1);
                assertThat(jedis.lpop(pending)).isEqualTo("b");
                assertThat(jedis.llen(pending)).isZero();
            }
            assertThatThrownBy(() -> jedis.blpop(1, "jf:queue0"))
                    .isInstanceOf(JedisDataException.class)
                    .hasMessage("ERR handle request, command 'BLPOP' is not allowed");
            assertThatThrownBy(() -> jedis.sendCommand(redis.clients.jedis.Protocol.Command.MULTI))
                    .isInstanceOf(JedisDataException.class)
                    .hasMessage("ERR handle request, command 'MULTI' is not allowed");
            assertThat(jedis.ping()).isEqualTo("PONG");
        }
    }

    @Test
    void streamsAreReadWithoutBlockAndRefusedWithBlockWithoutOwnedConnections() {
        try (Jedis jedis = proxy.jedis()) {
            StreamEntryID id = jedis.xadd("jf:events", new StreamEntryID(3, 0), Map.of("f", "v"));
            var read = jedis.xread(XReadParams.xReadParams().count(5), Map.of("jf:events", new StreamEntryID(0, 0)));
            assertThat(read.get(0).getValue().get(0).getID()).isEqualTo(id);
            assertThatThrownBy(() -> jedis.xread(XReadParams.xReadParams().block(10), Map.of("jf:events", id)))
                    .isInstanceOf(JedisDataException.class)
                    .hasMessage("ERR handle request, command 'XREAD' is not allowed");
        }
    }

    @Test
    void setsWithTaggedIntersections() {
        try (Jedis jedis = proxy.jedis()) {
            for (String user : keysOnAllBackends("jf:u", 8)) {
                String follows = "{" + user + "}follows";
                String followers = "{" + user + "}followers";
                jedis.sadd(follows, "ann", "bob", "cid");
                jedis.sadd(followers, "bob", "cid", "dan");
                assertThat(jedis.sinter(follows, followers)).containsExactlyInAnyOrder("bob", "cid");
                assertThat(jedis.sintercard(follows, followers)).isEqualTo(2);
                assertThat(jedis.sunionstore("{" + user + "}all", follows, followers)).isEqualTo(4);
                assertThat(jedis.sdiff(follows, followers)).containsExactly("ann");
                assertThat(jedis.smove(follows, followers, "ann")).isEqualTo(1);
                assertThat(jedis.smismember(followers, "ann", "eve")).containsExactly(true, false);
                assertThat(jedis.scard("{" + user + "}all")).isEqualTo(4);
            }
        }
    }

    @Test
    void sortedSetLeaderboards() {
        try (Jedis jedis = proxy.jedis()) {
            for (String game : keysOnAllBackends("jf:game", 8)) {
                String today = "{" + game + "}today";
                String yesterday = "{" + game + "}yesterday";
                jedis.zadd(today, Map.of("ann", 10.0, "bob", 20.0, "cid", 5.0));
                jedis.zadd(yesterday, Map.of("ann", 30.0, "dan", 1.0));
                assertThat(jedis.zincrby(today, 15, "cid")).isEqualTo(20.0);
                assertThat(jedis.zrevrangeWithScores(today, 0, 1)).extracting(Tuple::getElement).containsExactly("cid", "bob");
                assertThat(jedis.zunionstore("{" + game + "}week", today, yesterday)).isEqualTo(4);
                assertThat(jedis.zrevrange("{" + game + "}week", 0, 0)).containsExactly("ann");
                assertThat(jedis.zscore("{" + game + "}week", "ann")).isEqualTo(40.0);
                assertThat(jedis.zrank(today, "ann")).isZero();
                assertThat(jedis.zpopmin(today).getElement()).isEqualTo("ann");
                assertThat(jedis.zcount(today, 0, 100)).isEqualTo(2);
            }
        }
    }

    @Test
    void hyperLogLogsMergedUnderATag() {
        try (Jedis jedis = proxy.jedis()) {
            for (String page : keysOnAllBackends("jf:page", 8)) {
                String monday = "{" + page + "}mon";
                String tuesday = "{" + page + "}tue";
                assertThat(jedis.pfadd(monday, "a", "b", "c")).isEqualTo(1);
                assertThat(jedis.pfadd(tuesday, "c", "d")).isEqualTo(1);
                assertThat(jedis.pfcount(monday, tuesday)).isEqualTo(4);
                assertThat(jedis.pfmerge("{" + page + "}week", monday, tuesday)).isEqualTo("OK");
                assertThat(jedis.pfcount("{" + page + "}week")).isEqualTo(4);
            }
        }
    }

    @Test
    void geo() {
        try (Jedis jedis = proxy.jedis()) {
            for (String key : keysOnAllBackends("jf:geo:", 8)) {
                jedis.geoadd(key, 13.361389, 38.115556, "Palermo");
                jedis.geoadd(key, 15.087269, 37.502669, "Catania");
                assertThat(jedis.geodist(key, "Palermo", "Catania", GeoUnit.KM)).isBetween(166.0, 167.0);
                assertThat(jedis.geosearch(key, new GeoCoordinate(15, 37), 100, GeoUnit.KM))
                        .extracting(GeoRadiusResponse::getMemberByString).containsExactly("Catania");
                assertThat(jedis.geohash(key, "Palermo")).containsExactly("sqc8b49rny0");
            }
        }
    }

    @Test
    void streamsWithConsumerGroups() {
        try (Jedis jedis = proxy.jedis()) {
            for (String key : keysOnAllBackends("jf:events:", 8)) {
                StreamEntryID first = jedis.xadd(key, XAddParams.xAddParams(), Map.of("type", "login"));
                StreamEntryID second = jedis.xadd(key, XAddParams.xAddParams(), Map.of("type", "logout"));
                assertThat(second).isGreaterThan(first);
                assertThat(jedis.xlen(key)).isEqualTo(2);
                assertThat(jedis.xrange(key, "-", "+")).extracting(e -> e.getFields().get("type")).containsExactly("login", "logout");
                assertThat(jedis.xgroupCreate(key, "workers", new StreamEntryID(), false)).isEqualTo("OK");
                assertThat(jedis.xinfoGroups(key)).extracting(g -> g.getName()).containsExactly("workers");
                assertThat(jedis.xdel(key, first)).isEqualTo(1);
                assertThat(jedis.xtrim(key, 0, false)).isEqualTo(1);
            }
        }
    }

    @Test
    void scriptsAndFunctionsOnEveryServer() {
        String limiter = "local n = redis.call('INCR', KEYS[1]) "
                + "if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end return n";
        try (Jedis jedis = proxy.jedis()) {
            List<String> keys = keysOnAllBackends("jf:rate:", 8);
            for (String key : keys) {
                assertThat(jedis.eval(limiter, List.of(key), List.of("60"))).isEqualTo(1L);
            }
            // EVAL cached the script on every server, so EVALSHA now works for every key
            for (String key : keys) {
                assertThat(jedis.evalsha(sha1(limiter), List.of(key), List.of("60"))).isEqualTo(2L);
                assertThat(jedis.ttl(key)).isBetween(1L, 60L);
                assertThat(jedis.fcall("sweep_set", List.of("{" + key + "}f"), List.of("v"))).isEqualTo("OK");
                assertThat(jedis.fcallReadonly("sweep_get", List.of("{" + key + "}f"), List.of())).isEqualTo("v");
            }
            assertThat(jedis.eval("return redis.call('SINTERCARD', 2, KEYS[1], KEYS[2])", 2, "{jf}a", "{jf}b")).isEqualTo(0L);
            assertThatThrownBy(() -> jedis.evalsha(sha1("return 42"), 1, "jf:rate:0"))
                    .isInstanceOf(JedisDataException.class).hasMessageStartingWith("NOSCRIPT");
            assertThat(jedis.scriptLoad("return 42")).isEqualTo(sha1("return 42"));
            assertThat(jedis.evalsha(sha1("return 42"), 1, "jf:rate:0")).isEqualTo(42L);
        }
    }

    @Test
    void keyspace() {
        try (Jedis jedis = proxy.jedis()) {
            for (String key : keysOnAllBackends("jf:key:", 8)) {
                jedis.set(key, "v");
                assertThat(jedis.type(key)).isEqualTo("string");
                assertThat(jedis.expire(key, 100)).isEqualTo(1);
                assertThat(jedis.ttl(key)).isBetween(1L, 100L);
                assertThat(jedis.persist(key)).isEqualTo(1);
                assertThat(jedis.ttl(key)).isEqualTo(-1);
                assertThat(jedis.dump(key)).isNotEmpty();
                String list = "{" + key + "}l";
                jedis.rpush(list, "3", "1", "2");
                assertThat(jedis.sort(list)).containsExactly("1", "2", "3");
                assertThat(jedis.sort(list, new SortingParams().desc(), "{" + key + "}sorted")).isEqualTo(3);
                assertThat(jedis.lrange("{" + key + "}sorted", 0, -1)).containsExactly("3", "2", "1");
                assertThat(jedis.unlink(key, list)).isEqualTo(2);
            }
            jedis.set("{jf}from", "v");
            assertThat(jedis.rename("{jf}from", "{jf}to")).isEqualTo("OK");
            assertThat(jedis.get("{jf}to")).isEqualTo("v");
            String elsewhere = keysOnAllBackends("jf:other:", 8).stream()
                    .filter(k -> SlotHash.slotOf(k) % 4 != SlotHash.slotOf("jf") % 4).findFirst().orElseThrow();
            assertThatThrownBy(() -> jedis.rename("{jf}to", elsewhere)).isInstanceOf(JedisDataException.class)
                    .hasMessage("CROSSSLOT handle request, keys in request don't hash to the same slot");
        }
    }

    @Test
    void aPipelineMixingFamiliesOverAllServersKeepsItsOrder() {
        List<String> keys = keysOnAllBackends("jf:pipe:", 40);
        try (Jedis jedis = proxy.jedis()) {
            Pipeline pipeline = jedis.pipelined();
            List<Response<?>> replies = new ArrayList<>();
            for (String key : keys) {
                replies.add(pipeline.set(key + ":s", key));
                replies.add(pipeline.hset(key + ":h", "f", key));
                replies.add(pipeline.rpush(key + ":l", key, key));
                replies.add(pipeline.zadd(key + ":z", 1, key));
                replies.add(pipeline.get(key + ":s"));
                replies.add(pipeline.hget(key + ":h", "f"));
                replies.add(pipeline.llen(key + ":l"));
                replies.add(pipeline.zscore(key + ":z", key));
            }
            pipeline.sync();
            for (int i = 0; i < keys.size(); i++) {
                String key = keys.get(i);
                List<Object> values = replies.subList(i * 8, i * 8 + 8).stream().<Object>map(Response::get).toList();
                assertThat(values).as(key).containsExactly("OK", 1L, 2L, 1L, key, key, 2L, 1.0);
            }
        }
    }

    private static String sha1(String script) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(script.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
