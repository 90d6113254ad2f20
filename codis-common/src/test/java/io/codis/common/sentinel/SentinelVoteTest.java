package io.codis.common.sentinel;

import static org.assertj.core.api.Assertions.assertThat;

import io.codis.common.testkit.RedisServer;
import io.codis.common.testkit.SentinelServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** The majority vote over three real sentinels. */
class SentinelVoteTest {

    @Test
    void aSentinelThatDoesNotAnswerLeavesTheOthersTheirWholeBudget() {
        try (RedisServer master = RedisServer.start(); SentinelServer s1 = SentinelServer.start();
                SentinelServer s2 = SentinelServer.start(); SentinelServer s3 = SentinelServer.start()) {
            for (SentinelServer s : List.of(s1, s2, s3)) {
                try (Jedis j = new Jedis("127.0.0.1", s.port())) {
                    j.sentinelMonitor("vote-1", "127.0.0.1", master.port(), 2);
                }
            }
            s1.freeze();
            try {
                long start = System.nanoTime();
                Map<Integer, SentinelMaster> masters = new SentinelVote("vote").masters(
                        List.of(s1.addr(), s2.addr(), s3.addr()), Duration.ofSeconds(1));
                assertThat(masters.get(1).addr()).isEqualTo(master.addr());
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            } finally {
                s1.thaw();
            }
        }
    }
}
