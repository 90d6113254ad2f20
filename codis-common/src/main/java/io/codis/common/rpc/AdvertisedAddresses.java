package io.codis.common.rpc;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Computes the address a component publishes (in its model, to the dashboard and to Jodis) from
 * the address it listens on: an explicit {@code --host-admin}/{@code --host-proxy} value is used
 * as given once checked; a specific listen IP is kept; a wildcard listen address (0.0.0.0, ::, or
 * no host) becomes {@code hostname:port} when the host name resolves to a global unicast IP, else
 * {@code ip:port} of the first global unicast interface address. Unix socket paths are kept.
 */
public final class AdvertisedAddresses {
    private static final long HOSTNAME_LOOKUP_MILLIS = 30;

    /** Name resolution, replaceable in tests. */
    interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    private final Optional<String> hostname;
    private final List<InetAddress> interfaceAddresses;
    private final Resolver resolver;

    AdvertisedAddresses(String hostname, List<InetAddress> interfaceAddresses, Resolver resolver) {
        this.resolver = resolver;
        this.interfaceAddresses = interfaceAddresses.stream().filter(AdvertisedAddresses::isGlobalUnicast).toList();
        this.hostname = Optional.ofNullable(hostname).filter(name -> !name.isEmpty()).filter(this::resolvesGlobally);
    }

    /** Uses this host's name, interfaces and DNS. */
    public static AdvertisedAddresses ofThisHost() {
        return new AdvertisedAddresses(localHostname(), localInterfaceAddresses(),
                host -> Arrays.asList(InetAddress.getAllByName(host)));
    }

    /**
     * The advertised address for a listener of {@code protoType} ({@code tcp}, {@code tcp4},
     * {@code tcp6}, {@code unix}, {@code unixpacket}) on {@code listenAddr}, or {@code override}
     * when it is non-empty. Fails with {@code resolve address '{addr}' to '{resolved}'} when no
     * usable address can be found.
     */
    public String advertise(String protoType, String listenAddr, String override) {
        switch (protoType) {
            case "unix", "unixpacket" -> {
                return override == null || override.isEmpty() ? listenAddr : override;
            }
            case "tcp", "tcp4", "tcp6" -> {
                if (override != null && !override.isEmpty()) {
                    return checkedOverride(override);
                }
                return forListener(listenAddr);
            }
            default -> throw new IllegalArgumentException("unknown network " + protoType);
        }
    }

    private String checkedOverride(String address) {
        HostPort hostPort = HostPort.parse(address);
        InetAddress ip = resolveFirst(address, hostPort.host());
        if (hostPort.port() == 0 || ip == null || ip.isAnyLocalAddress()) {
            throw unresolvable(address, hostPort, ip);
        }
        return address;
    }

    private String forListener(String address) {
        HostPort hostPort = HostPort.parse(address);
        InetAddress ip = resolveFirst(address, hostPort.host());
        if (hostPort.port() != 0) {
            if (ip != null && !ip.isAnyLocalAddress()) {
                return address;
            }
            if (hostname.isPresent()) {
                return new HostPort(hostname.get(), hostPort.port()).toString();
            }
            if (!interfaceAddresses.isEmpty()) {
                return HostPort.of(interfaceAddresses.get(0), hostPort.port()).toString();
            }
        }
        throw unresolvable(address, hostPort, ip);
    }

    private InetAddress resolveFirst(String address, String host) {
        if (host.isEmpty()) {
            return null;
        }
        try {
            List<InetAddress> ips = resolver.resolve(host);
            if (ips.isEmpty()) {
                throw new IllegalArgumentException("lookup " + host + ": no such host");
            }
            return ips.get(0);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("resolve address '" + address + "' failed: lookup " + host
                    + ": no such host", e);
        }
    }

    private static IllegalArgumentException unresolvable(String address, HostPort hostPort, InetAddress ip) {
        String resolved = ip == null ? new HostPort("", hostPort.port()).toString() : HostPort.of(ip, hostPort.port()).toString();
        return new IllegalArgumentException("resolve address '" + address + "' to '" + resolved + "'");
    }

    private boolean resolvesGlobally(String name) {
        CompletableFuture<List<InetAddress>> lookup = CompletableFuture.supplyAsync(() -> {
            try {
                return resolver.resolve(name);
            } catch (UnknownHostException e) {
                return List.of();
            }
        });
        try {
            return lookup.get(HOSTNAME_LOOKUP_MILLIS, TimeUnit.MILLISECONDS).stream()
                    .anyMatch(AdvertisedAddresses::isGlobalUnicast);
        } catch (TimeoutException | ExecutionException e) {
            lookup.cancel(true);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static boolean isGlobalUnicast(InetAddress ip) {
        boolean broadcast = ip instanceof Inet4Address && Arrays.equals(ip.getAddress(), new byte[] {-1, -1, -1, -1});
        return !ip.isAnyLocalAddress() && !ip.isLoopbackAddress() && !ip.isMulticastAddress()
                && !ip.isLinkLocalAddress() && !broadcast;
    }

    /** The OS host name (as {@code uname -n}), without asking DNS. */
    private static String localHostname() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException | RuntimeException e) {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException unknown) {
                return null;
            }
        }
    }

    /** Every interface address, IPv4 ones first as Linux lists them to Go's {@code net.InterfaceAddrs()}. */
    private static List<InetAddress> localInterfaceAddresses() {
        List<InetAddress> ips = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                ips.addAll(Collections.list(nic.getInetAddresses()));
            }
        } catch (SocketException e) {
            return List.of();
        }
        return ipv4First(ips);
    }

    /** The addresses with every IPv4 one before every IPv6 one, each family in the given order. */
    static List<InetAddress> ipv4First(List<InetAddress> ips) {
        List<InetAddress> ordered = new ArrayList<>(ips);
        ordered.sort(java.util.Comparator.comparing(ip -> ip instanceof Inet4Address ? 0 : 1));
        return ordered;
    }
}
