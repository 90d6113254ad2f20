package io.codis.dashboard.migrate;

import java.util.ArrayList;
import java.util.List;

/** Reads type, size and length of a page of keys on the source in one script call. */
final class KeyProbe {
    /**
     * For each key: its type, then {@code MEMORY USAGE … SAMPLES 0} (-1 when it has more than
     * ARGV[1] elements and is big anyway), its number of elements and its PEXPIRETIME.
     */
    private static final String SCRIPT = """
            local out = {}
            local maxbulks = tonumber(ARGV[1])
            for i, k in ipairs(KEYS) do
              local t = redis.call('TYPE', k).ok
              local n = 0
              if t == 'hash' then n = redis.call('HLEN', k)
              elseif t == 'list' then n = redis.call('LLEN', k)
              elseif t == 'set' then n = redis.call('SCARD', k)
              elseif t == 'zset' then n = redis.call('ZCARD', k)
              elseif t == 'stream' then n = redis.call('XLEN', k) end
              local bytes = 0
              if t ~= 'none' then
                if n > maxbulks then bytes = -1 else bytes = redis.call('MEMORY', 'USAGE', k, 'SAMPLES', '0') end
              end
              out[i] = {t, bytes, n, redis.call('PEXPIRETIME', k)}
            end
            return out
            """;

    private KeyProbe() {
    }

    static List<KeyInfo> probe(Link source, List<byte[]> keys, MoverSettings settings) {
        List<?> rows = (List<?>) source.eval(SCRIPT, keys, List.of(Cmd.arg(settings.maxBulks())));
        List<KeyInfo> infos = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            List<?> row = (List<?>) rows.get(i);
            String type = new String((byte[]) row.get(0), java.nio.charset.StandardCharsets.UTF_8);
            infos.add(new KeyInfo(keys.get(i), type, (Long) row.get(1), (Long) row.get(2), (Long) row.get(3)));
        }
        return infos;
    }
}
