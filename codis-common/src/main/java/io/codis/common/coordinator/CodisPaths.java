package io.codis.common.coordinator;

/** The coordinator paths of Codis 3.2, exactly as the original lays them out. */
public final class CodisPaths {
    public static final String ROOT = "/codis3";
    public static final String JODIS_ROOT = "/jodis";

    private CodisPaths() {
    }

    public static String product(String product) {
        return ROOT + "/" + product;
    }

    public static String topom(String product) {
        return product(product) + "/topom";
    }

    public static String groupDir(String product) {
        return product(product) + "/group";
    }

    public static String group(String product, int gid) {
        return groupDir(product) + String.format("/group-%04d", gid);
    }

    public static String proxyDir(String product) {
        return product(product) + "/proxy";
    }

    public static String proxy(String product, String token) {
        return proxyDir(product) + "/proxy-" + token;
    }

    public static String slotDir(String product) {
        return product(product) + "/slots";
    }

    public static String slot(String product, int sid) {
        return slotDir(product) + String.format("/slot-%04d", sid);
    }

    public static String sentinel(String product) {
        return product(product) + "/sentinel";
    }

    /**
     * Not in the original (whose dashboard never reads it): the old masters of groups the sentinels
     * failed over that the dashboard re-attaches as replicas once they answer
     * ({@code sentinel_auto_resync}), a JSON array of addresses; absent when there is none.
     */
    public static String oldMasters(String product) {
        return product(product) + "/old-masters";
    }

    public static String jodisDir(String product) {
        return JODIS_ROOT + "/" + product;
    }

    /** Where a proxy registers for Jodis clients; the Codis 2.x place when {@code compatible}. */
    public static String jodis(String product, String token, boolean compatible) {
        if (compatible) {
            return codis2Product(product) + "/proxy/" + token;
        }
        return jodisDir(product) + "/proxy-" + token;
    }

    /** Root of a product's Codis 2.x tree. */
    public static String codis2Product(String product) {
        return "/zk/codis/db_" + product;
    }
}
