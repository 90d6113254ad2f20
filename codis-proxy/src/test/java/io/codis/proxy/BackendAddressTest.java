package io.codis.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A slot whose backend address does not parse fails its requests as an unreachable backend does, and the proxy serves on. */
class BackendAddressTest {

    @Test
    void anAddressWithoutPortFailsItsRequestsLikeARefusedDial() {
        try (ProxyFixture proxy = ProxyFixture.start("").fillSpread(List.of("127.0.0.1")).online();
                RawClient c = proxy.raw()) {
            String expected = "-ERR handle response, backend conn reset\r\n";
            assertThat(c.call("GET", "k")).isEqualTo(expected);
            assertThat(c.call("SET", "k", "v")).isEqualTo(expected);
            assertThat(c.call("SELECT", "0")).isEqualTo("+OK\r\n");
        }
    }
}
