package io.codis.common.rpc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The xauth path segment that authorises admin API calls: the first 16 bytes of the SHA-256 of
 * {@code "Codis-XAuth"} followed by {@code "-[" + segment + "]"} for each segment, as lowercase hex.
 */
public final class XAuth {
    private XAuth() {
    }

    /** The dashboard's xauth: it depends on the product name only. */
    public static String dashboard(String productName) {
        return of(productName);
    }

    /** A proxy's xauth: product name, product auth and the proxy's token. */
    public static String proxy(String productName, String productAuth, String token) {
        return of(productName, productAuth, token);
    }

    private static String of(String... segments) {
        StringBuilder text = new StringBuilder("Codis-XAuth");
        for (String segment : segments) {
            text.append("-[").append(segment).append(']');
        }
        byte[] digest = sha256().digest(text.toString().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 16);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
