package io.codis.common.rpc;

import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

/**
 * Tokens that name a dashboard or proxy: the MD5 of {@code "Codis-Token@[mac1 mac2 ...]"} followed
 * by {@code "-{" + segment + "}"} per segment. The MACs are this host's non-empty hardware addresses,
 * sorted, so a component restarted on the same host with the same listen addresses keeps its token.
 */
public final class Tokens {
    private Tokens() {
    }

    /** The dashboard's token: product name and the admin listener's address string. */
    public static String dashboard(String productName, String adminListenAddr) {
        return compute(localMacAddresses(), productName, adminListenAddr);
    }

    /** A proxy's token: product name, the proxy listener's and the admin listener's address strings. */
    public static String proxy(String productName, String proxyListenAddr, String adminListenAddr) {
        return compute(localMacAddresses(), productName, proxyListenAddr, adminListenAddr);
    }

    /** The token for the given MAC list (sorted here) and segments. */
    public static String compute(List<String> macAddresses, String... segments) {
        List<String> macs = new ArrayList<>(macAddresses);
        Collections.sort(macs);
        StringBuilder text = new StringBuilder("Codis-Token@[").append(String.join(" ", macs)).append(']');
        for (String segment : segments) {
            text.append("-{").append(segment).append('}');
        }
        return HexFormat.of().formatHex(md5().digest(text.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** This host's hardware addresses as {@code aa:bb:cc:dd:ee:ff}, leaving out missing and all-zero ones. */
    public static List<String> localMacAddresses() {
        List<String> macs = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                byte[] mac = nic.getHardwareAddress();
                if (mac != null && !allZero(mac)) {
                    macs.add(HexFormat.ofDelimiter(":").formatHex(mac));
                }
            }
        } catch (SocketException e) {
            return List.of();
        }
        Collections.sort(macs);
        return macs;
    }

    private static boolean allZero(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has MD5", e);
        }
    }
}
