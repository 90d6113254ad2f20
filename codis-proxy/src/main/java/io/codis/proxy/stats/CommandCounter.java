package io.codis.proxy.stats;

import java.util.concurrent.atomic.LongAdder;

/** The live counters of one command name (hot path: LongAdder, no lock). */
public final class CommandCounter {

    private final String opstr;
    private final LongAdder calls = new LongAdder();
    private final LongAdder usecs = new LongAdder();
    private final LongAdder fails = new LongAdder();
    private final LongAdder redisErrtype = new LongAdder();

    CommandCounter(String opstr) {
        this.opstr = opstr;
    }

    public String opstr() {
        return opstr;
    }

    /** One reply written: {@code nanos} from request read to reply written. */
    public void called(long nanos) {
        calls.increment();
        usecs.add(nanos / 1000);
    }

    /** The proxy failed the request (not allowed, slot not ready, backend failure...). */
    public void failed() {
        fails.increment();
    }

    /** The backend answered with an error. */
    public void redisError() {
        redisErrtype.increment();
    }

    CommandStats snapshot() {
        return new CommandStats(opstr, calls.sum(), usecs.sum(), fails.sum(), redisErrtype.sum());
    }
}
