package io.codis.dashboard.migrate;

import java.util.HashMap;
import java.util.Map;
import redis.clients.jedis.exceptions.JedisDataException;

/** A pass's connections to its targets, opened on first use and dropped after a failure. */
final class TargetLinks implements AutoCloseable {
    private final MoverSettings settings;
    private final Map<String, Link> links = new HashMap<>();

    TargetLinks(MoverSettings settings) {
        this.settings = settings;
    }

    /** The connection to {@code addr} with {@code db} selected; a target that refuses the DB fails as a {@link LinkFailure}. */
    Link at(String addr, int db) {
        Link link = links.get(addr);
        if (link == null) {
            link = new Link(addr, settings);
            links.put(addr, link);
        }
        try {
            link.select(db);
        } catch (JedisDataException e) {
            throw new LinkFailure(addr, e);
        }
        return link;
    }

    /** Forgets a broken connection; the next {@link #at} dials again. */
    void drop(String addr) {
        Link link = links.remove(addr);
        if (link != null) {
            link.close();
        }
    }

    @Override
    public void close() {
        links.values().forEach(Link::close);
        links.clear();
    }
}
