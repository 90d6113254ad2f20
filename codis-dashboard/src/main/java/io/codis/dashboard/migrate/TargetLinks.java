package io.codis.dashboard.migrate;

import java.util.HashMap;
import java.util.Map;

/** A pass's connections to its targets, opened on first use and dropped after a failure. */
final class TargetLinks implements AutoCloseable {
    private final MoverSettings settings;
    private final Map<String, Link> links = new HashMap<>();

    TargetLinks(MoverSettings settings) {
        this.settings = settings;
    }

    /** The connection to {@code addr} with {@code db} selected. */
    Link at(String addr, int db) {
        Link link = links.get(addr);
        if (link == null) {
            link = Link.open(addr, settings);
            links.put(addr, link);
        }
        link.select(db);
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
