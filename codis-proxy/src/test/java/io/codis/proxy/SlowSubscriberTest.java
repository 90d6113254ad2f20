package io.codis.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.codis.common.testkit.RedisServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A subscriber that stops reading while messages keep coming is disconnected once its unsent messages
 * pass session_pubsub_output_limit, as Redis' client-output-buffer-limit pubsub does, and its
 * subscription ends on the server; a subscriber that keeps reading stays.
 */
class SlowSubscriberTest {

    @Test
    void aSubscriberPastTheOutputLimitIsDisconnected() throws IOException {
        try (RedisServer redis = RedisServer.start();
                ProxyFixture proxy = ProxyFixture.start("proxy_max_owned_conns = 4\nsession_pubsub_output_limit = \"256kb\"", 1)
                        .fillSpread(List.of(redis.addr())).online();
                Socket slow = new Socket(); RawClient fast = proxy.raw(); RawClient pub = proxy.raw()) {
            slow.setReceiveBufferSize(4096);
            slow.connect(new InetSocketAddress("127.0.0.1", proxy.port), 5000);
            slow.getOutputStream().write(RawClient.encode("SUBSCRIBE", "firehose"));
            InputStream in = slow.getInputStream();
            byte[] confirmation = "*3\r\n$9\r\nsubscribe\r\n$8\r\nfirehose\r\n:1\r\n".getBytes();
            assertThat(in.readNBytes(confirmation.length)).isEqualTo(confirmation);
            assertThat(fast.call("SUBSCRIBE", "firehose")).endsWith(":1\r\n");

            String payload = "x".repeat(64 * 1024);
            int published = 0;
            String subscribers = ":2\r\n";
            while (published < 400 && subscribers.equals(":2\r\n")) {
                subscribers = pub.call("PUBLISH", "firehose", payload);
                published++;
                assertThat(fast.readReply()).as("the fast subscriber gets every message").endsWith(payload + "\r\n");
            }
            assertThat(subscribers).as("after " + published + " messages of 64 KiB").isEqualTo(":1\r\n");
            assertThat(published).as("the limit, not the first message").isGreaterThan(4);

            slow.setSoTimeout(10_000);
            byte[] drain = new byte[65536];
            try {
                while (in.read(drain) >= 0) {
                    // what the proxy wrote before closing
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the slow subscriber's connection stayed open", e);
            } catch (IOException reset) {
                // closed with unsent data: a reset is as good as an end of stream
            }
            assertThat(pub.call("PUBLISH", "firehose", "still here")).isEqualTo(":1\r\n");
            assertThat(fast.readReply()).endsWith("still here\r\n");
        }
    }
}
