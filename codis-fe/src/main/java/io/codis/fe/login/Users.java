package io.codis.fe.login;

import io.codis.common.cli.FatalError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * The console's users, from {@code --users=FILE}: one {@code user:bcrypt-hash} a line (e.g. from
 * {@code htpasswd -nbB user password}); blank lines and lines starting with {@code #} are skipped.
 */
public final class Users {
    /** Checked for an unknown user, so that it takes as long as a known one. */
    private static final String NOBODY = BCrypt.hashpw("nobody", BCrypt.gensalt(10));

    private final Map<String, String> hashes;

    private Users(Map<String, String> hashes) {
        this.hashes = Map.copyOf(hashes);
    }

    /** Reads {@code file}; fails with {@code load users from {file} failed, ...} naming the bad line. */
    public static Users load(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new FatalError("load users from " + file + " failed, " + e, e);
        }
        Map<String, String> hashes = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            String user = colon < 0 ? "" : line.substring(0, colon);
            String hash = colon < 0 ? "" : line.substring(colon + 1);
            if (user.isEmpty() || !isBcrypt(hash)) {
                throw new FatalError("load users from " + file + " failed, line " + (i + 1)
                        + ": want user:bcrypt-hash");
            }
            hashes.put(user, hash);
        }
        if (hashes.isEmpty()) {
            throw new FatalError("load users from " + file + " failed, no user in it");
        }
        return new Users(hashes);
    }

    /** Whether {@code password} is {@code user}'s. */
    public boolean check(String user, String password) {
        String hash = hashes.get(user);
        boolean matches = BCrypt.checkpw(password == null ? "" : password, hash == null ? NOBODY : hash);
        return hash != null && matches;
    }

    public int size() {
        return hashes.size();
    }

    private static boolean isBcrypt(String hash) {
        if (!hash.matches("\\$2[abyx]?\\$\\d\\d\\$[./A-Za-z0-9]{53}")) {
            return false;
        }
        try {
            BCrypt.checkpw("", hash);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
