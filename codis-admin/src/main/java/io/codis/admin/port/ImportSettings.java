package io.codis.admin.port;

/**
 * One import run: the source, its password, the DB to copy ({@code -1}: all), the write rate
 * ({@code 0}: unlimited), whether to follow the stream after the snapshot, whether to overwrite keys
 * the cluster has, and the cluster's password (product_auth, also the proxy's session password).
 */
public record ImportSettings(Address from, String fromAuth, int db, int rate, boolean follow, boolean replace,
        String auth) {
    boolean copies(int sourceDb) {
        return db < 0 || db == sourceDb;
    }
}
