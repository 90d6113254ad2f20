package io.codis.common.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdvertisedAddressesTest {
    private static final Map<String, String> DNS = Map.of(
            "host200", "10.2.16.200",
            "lonely", "127.0.1.1",
            "ext.example", "192.0.2.7");

    private static AdvertisedAddresses host(String hostname, String... interfaceIps) {
        List<InetAddress> ips = java.util.Arrays.stream(interfaceIps).map(AdvertisedAddressesTest::ip).toList();
        return new AdvertisedAddresses(hostname, ips, name -> {
            if (name.chars().allMatch(c -> Character.isDigit(c) || c == '.' || c == ':')) {
                return List.of(InetAddress.getByName(name));
            }
            String ip = DNS.get(name);
            if (ip == null) {
                throw new UnknownHostException(name);
            }
            return List.of(ip(ip));
        });
    }

    private static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void specificListenIpIsAdvertisedAsGiven() {
        AdvertisedAddresses addresses = host("host200", "10.2.16.200");

        assertThat(addresses.advertise("tcp4", "10.2.16.200:19000", "")).isEqualTo("10.2.16.200:19000");
        assertThat(addresses.advertise("tcp", "127.0.0.1:11080", null)).isEqualTo("127.0.0.1:11080");
    }

    @Test
    void wildcardListenAddressBecomesTheResolvableHostname() {
        AdvertisedAddresses addresses = host("host200", "127.0.0.1", "10.2.16.200");

        assertThat(addresses.advertise("tcp4", "0.0.0.0:19000", "")).isEqualTo("host200:19000");
        assertThat(addresses.advertise("tcp", "[::]:11080", "")).isEqualTo("host200:11080");
        assertThat(addresses.advertise("tcp", ":18080", "")).isEqualTo("host200:18080");
    }

    @Test
    void wildcardFallsBackToTheFirstGlobalUnicastInterfaceIp() {
        AdvertisedAddresses unresolvableName = host("nowhere", "127.0.0.1", "fe80::1", "10.0.0.9", "10.0.0.10");
        AdvertisedAddresses loopbackName = host("lonely", "127.0.0.1", "172.17.0.2");

        assertThat(unresolvableName.advertise("tcp4", "0.0.0.0:19000", "")).isEqualTo("10.0.0.9:19000");
        assertThat(loopbackName.advertise("tcp4", "0.0.0.0:19000", "")).isEqualTo("172.17.0.2:19000");
    }

    @Test
    void wildcardWithoutAnyUsableAddressFails() {
        AdvertisedAddresses isolated = host("lonely", "127.0.0.1");

        assertThatThrownBy(() -> isolated.advertise("tcp4", "0.0.0.0:19000", ""))
                .hasMessage("resolve address '0.0.0.0:19000' to '0.0.0.0:19000'");
    }

    @Test
    void portZeroCannotBeAdvertised() {
        assertThatThrownBy(() -> host("host200", "10.2.16.200").advertise("tcp4", "0.0.0.0:0", ""))
                .hasMessage("resolve address '0.0.0.0:0' to '0.0.0.0:0'");
    }

    @Test
    void overrideIsUsedVerbatimWhenItResolvesToASpecificAddress() {
        AdvertisedAddresses addresses = host("host200", "10.2.16.200");

        assertThat(addresses.advertise("tcp4", "0.0.0.0:19000", "ext.example:29000")).isEqualTo("ext.example:29000");
        assertThat(addresses.advertise("tcp", "10.2.16.200:11080", "192.0.2.8:80")).isEqualTo("192.0.2.8:80");
    }

    @Test
    void overrideMustBeSpecificWithAPort() {
        AdvertisedAddresses addresses = host("host200", "10.2.16.200");

        assertThatThrownBy(() -> addresses.advertise("tcp", "0.0.0.0:1", "0.0.0.0:29000"))
                .hasMessage("resolve address '0.0.0.0:29000' to '0.0.0.0:29000'");
        assertThatThrownBy(() -> addresses.advertise("tcp", "0.0.0.0:1", "ext.example:0"))
                .hasMessage("resolve address 'ext.example:0' to '192.0.2.7:0'");
        assertThatThrownBy(() -> addresses.advertise("tcp", "0.0.0.0:1", "unknown.invalid:1"))
                .hasMessageContaining("unknown.invalid");
    }

    @Test
    void unixSocketPathsAreKept() {
        assertThat(host("host200").advertise("unix", "/tmp/codis.sock", "")).isEqualTo("/tmp/codis.sock");
    }

    @Test
    void unknownProtoTypeIsRefused() {
        assertThatThrownBy(() -> host("host200").advertise("udp", "0.0.0.0:1", "")).hasMessageContaining("udp");
    }

    @Test
    void interfaceAddressesAreTakenIpv4FirstAsGoListsThem() throws java.net.UnknownHostException {
        java.net.InetAddress v6a = java.net.InetAddress.getByName("fd00::2");
        java.net.InetAddress v4a = java.net.InetAddress.getByName("192.0.2.2");
        java.net.InetAddress v6b = java.net.InetAddress.getByName("2001:db8::1");
        java.net.InetAddress v4b = java.net.InetAddress.getByName("198.51.100.7");
        assertThat(AdvertisedAddresses.ipv4First(java.util.List.of(v6a, v4a, v6b, v4b))).containsExactly(v4a, v4b, v6a, v6b);
    }

    @Test
    void thisHostAdvertisesSomethingOtherThanTheWildcard() {
        String advertised;
        try {
            advertised = AdvertisedAddresses.ofThisHost().advertise("tcp4", "0.0.0.0:19000", "");
        } catch (IllegalArgumentException noUsableAddress) {
            assertThat(noUsableAddress).hasMessage("resolve address '0.0.0.0:19000' to '0.0.0.0:19000'");
            return;
        }
        assertThat(advertised).endsWith(":19000").doesNotStartWith("0.0.0.0");
        assertThat(AdvertisedAddresses.ofThisHost().advertise("tcp4", "127.0.0.1:19000", "")).isEqualTo("127.0.0.1:19000");
    }
}
