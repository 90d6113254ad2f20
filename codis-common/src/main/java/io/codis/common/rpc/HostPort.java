package io.codis.common.rpc;

import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * A {@code host:port} address split and joined as Go's net package does: IPv6 hosts are written in
 * brackets ({@code [::1]:80}), the host may be empty ({@code :19000}).
 */
public record HostPort(String host, int port) {

    public HostPort {
        host = host == null ? "" : host;
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("invalid port " + port);
        }
    }

    /** Splits {@code host:port}, {@code [ipv6]:port} or {@code :port}; fails with a one-line reason. */
    public static HostPort parse(String address) {
        int colon = address.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("address " + address + ": missing port in address");
        }
        String host = address.substring(0, colon);
        if (host.startsWith("[")) {
            if (!host.endsWith("]")) {
                throw new IllegalArgumentException("address " + address + ": missing ']' in address");
            }
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new IllegalArgumentException("address " + address + ": too many colons in address");
        } else if (host.contains("[") || host.contains("]")) {
            throw new IllegalArgumentException("address " + address + ": unexpected bracket in address");
        }
        return new HostPort(host, parsePort(address, address.substring(colon + 1)));
    }

    /** The address of {@code ip} and {@code port}, with IPv6 written in its short form ({@code [::]:80}). */
    public static HostPort of(InetAddress ip, int port) {
        return new HostPort(ip instanceof Inet6Address ? Ipv6Text.compressed(ip) : ip.getHostAddress(), port);
    }

    /** {@code host:port}, bracketing hosts that contain a colon. */
    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    private static int parsePort(String address, String text) {
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("address " + address + ": invalid port");
        }
        int port = Integer.parseInt(text);
        if (port > 65535) {
            throw new IllegalArgumentException("address " + address + ": invalid port");
        }
        return port;
    }
}
