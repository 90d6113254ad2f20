package io.codis.e2e;

import java.util.Map;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.params.XAddParams;

/**
 * The types a correctness check writes, each holding a version number that every write raises by one
 * and that one read gives back: version 0 when loaded, then whatever the last applied write set.
 * Keys of the kinds {@link #expires() with a TTL} keep it through every write.
 */
enum CheckedKind {
    STRING(false) {
        @Override
        void load(Pipeline pipeline, String key) {
            pipeline.set(key, stringValue(0));
        }

        @Override
        void write(Pipeline pipeline, String key, int version) {
            pipeline.set(key, stringValue(version));
        }

        @Override
        Response<?> read(Pipeline pipeline, String key) {
            return pipeline.get(key);
        }
    },
    STRING_WITH_TTL(true) {
        @Override
        void load(Pipeline pipeline, String key) {
            pipeline.set(key, stringValue(0), SetParams.setParams().px(TTL_MILLIS));
        }

        @Override
        void write(Pipeline pipeline, String key, int version) {
            pipeline.set(key, stringValue(version), SetParams.setParams().keepTtl());
        }

        @Override
        Response<?> read(Pipeline pipeline, String key) {
            return pipeline.get(key);
        }
    },
    HASH_WITH_TTL(true) {
        @Override
        void load(Pipeline pipeline, String key) {
            pipeline.hset(key, Map.of(VERSION, "0", "name", key, "kind", "hash"));
            pipeline.pexpire(key, TTL_MILLIS);
        }

        @Override
        void write(Pipeline pipeline, String key, int version) {
            pipeline.hset(key, VERSION, Integer.toString(version));
        }

        @Override
        Response<?> read(Pipeline pipeline, String key) {
            return pipeline.hget(key, VERSION);
        }
    },
    LIST(false) {
        @Override
        void load(Pipeline pipeline, String key) {
            pipeline.rpush(key, "0", "a", "b");
        }

        @Override
        void write(Pipeline pipeline, String key, int version) {
            pipeline.lset(key, 0, Integer.toString(version));
        }

        @Override
        Response<?> read(Pipeline pipeline, String key) {
            return pipeline.lindex(key, 0);
        }
    },
    /** One member a version: the cardinality less one. */
    SET(false) {
        @Override
        void load(Pipeline pipeline, String key) {
            pipeline.sadd(key, "m0");
        }

        @Override
        void write(Pipeline pipeline, String key, int version) {
            pipeline.sadd(key, "m" + version);
        }

        @Override
        Response<?> read(Pipeline pipeline, String key) {
            return pipeline.scard(key);
        }

        @Override
        Integer version(Object reply) {
            long members = (Long) reply;
            return members == 0 ? null : (int) members - 1;
        }
    },
    ZSET(false) {
        @Override
        void load(Pipeline pipeline, String key) {
            pipeline.zadd(key, Map.of(VERSION, 0.0, "other", 1.5));
        }

        @Override
        void write(Pipeline pipeline, String key, int version) {
            pipeline.zadd(key, version, VERSION);
        }

        @Override
        Response<?> read(Pipeline pipeline, String key) {
            return pipeline.zscore(key, VERSION);
        }

        @Override
        Integer version(Object reply) {
            return reply == null ? null : ((Double) reply).intValue();
        }
    },
    /** One entry a version, and a consumer group: the length less one. */
    STREAM(false) {
        @Override
        void load(Pipeline pipeline, String key) {
            pipeline.xadd(key, XAddParams.xAddParams(), Map.of(VERSION, "0"));
            pipeline.xgroupCreate(key, "readers", StreamEntryID.LAST_ENTRY, false);
        }

        @Override
        void write(Pipeline pipeline, String key, int version) {
            pipeline.xadd(key, XAddParams.xAddParams(), Map.of(VERSION, Integer.toString(version)));
        }

        @Override
        Response<?> read(Pipeline pipeline, String key) {
            return pipeline.xlen(key);
        }

        @Override
        Integer version(Object reply) {
            long entries = (Long) reply;
            return entries == 0 ? null : (int) entries - 1;
        }
    };

    static final long TTL_MILLIS = 3_600_000;
    private static final String VERSION = "version";
    private static final String PADDING = "x".repeat(48);

    private final boolean expires;

    CheckedKind(boolean expires) {
        this.expires = expires;
    }

    /** The kind of key number {@code index}: the kinds take turns. */
    static CheckedKind of(int index) {
        return values()[index % values().length];
    }

    boolean expires() {
        return expires;
    }

    /** Queues the commands that create the key at version 0. */
    abstract void load(Pipeline pipeline, String key);

    /** Queues the one command that sets the key to {@code version}. */
    abstract void write(Pipeline pipeline, String key, int version);

    /** Queues the one command whose reply gives the key's version. */
    abstract Response<?> read(Pipeline pipeline, String key);

    /** The version in a reply of {@link #read}, or null when the key is not there. */
    Integer version(Object reply) {
        if (reply == null) {
            return null;
        }
        String text = (String) reply;
        int colon = text.indexOf(':');
        return Integer.valueOf(colon < 0 ? text : text.substring(0, colon));
    }

    private static String stringValue(int version) {
        return version + ":" + PADDING;
    }
}
