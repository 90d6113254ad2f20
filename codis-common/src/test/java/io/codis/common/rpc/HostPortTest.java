package io.codis.common.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class HostPortTest {

    @Test
    void splitsLikeGo() {
        assertThat(HostPort.parse("10.2.16.200:19000")).isEqualTo(new HostPort("10.2.16.200", 19000));
        assertThat(HostPort.parse("[::]:11080")).isEqualTo(new HostPort("::", 11080));
        assertThat(HostPort.parse(":19000")).isEqualTo(new HostPort("", 19000));
        assertThat(HostPort.parse("host200:0")).isEqualTo(new HostPort("host200", 0));
    }

    @Test
    void joinsLikeGo() {
        assertThat(new HostPort("::1", 80)).hasToString("[::1]:80");
        assertThat(new HostPort("", 80)).hasToString(":80");
        assertThat(new HostPort("h", 1)).hasToString("h:1");
    }

    @Test
    void refusesMalformedAddresses() {
        assertThatThrownBy(() -> HostPort.parse("10.0.0.1")).hasMessageContaining("missing port in address");
        assertThatThrownBy(() -> HostPort.parse("::1:80")).hasMessageContaining("too many colons");
        assertThatThrownBy(() -> HostPort.parse("h:http")).hasMessageContaining("invalid port");
        assertThatThrownBy(() -> HostPort.parse("h:70000")).hasMessageContaining("invalid port");
        assertThatThrownBy(() -> HostPort.parse("[::1:80")).hasMessageContaining("missing ']'");
    }

    @Test
    void writesIpv6InShortForm() throws Exception {
        assertThat(HostPort.of(InetAddress.getByName("::"), 11080)).hasToString("[::]:11080");
        assertThat(HostPort.of(InetAddress.getByName("fe80:0:0:0:0:0:0:1"), 1)).hasToString("[fe80::1]:1");
        assertThat(HostPort.of(InetAddress.getByName("2001:db8:0:0:1:0:0:1"), 1)).hasToString("[2001:db8::1:0:0:1]:1");
        assertThat(HostPort.of(InetAddress.getByName("2001:db8:1:2:3:4:5:6"), 1)).hasToString("[2001:db8:1:2:3:4:5:6]:1");
        assertThat(HostPort.of(InetAddress.getByName("1:0:2:3:4:5:6:7"), 1)).hasToString("[1:0:2:3:4:5:6:7]:1");
        assertThat(HostPort.of(InetAddress.getByName("127.0.0.1"), 6379)).hasToString("127.0.0.1:6379");
    }
}
