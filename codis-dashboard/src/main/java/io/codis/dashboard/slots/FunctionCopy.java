package io.codis.dashboard.slots;

import io.codis.common.model.SlotMapping;
import io.codis.dashboard.redis.RedisControl;
import io.codis.dashboard.store.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.FunctionRestorePolicy;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Gives the target group of slots about to move the function libraries of the groups already serving
 * slots ({@code FUNCTION DUMP} from one of their masters, {@code FUNCTION RESTORE ... REPLACE} on the
 * target's master) before any proxy sends it a key, so that {@code FCALL} works on the keys that move.
 * Best effort, under the dashboard's lock with a short timeout: a source group that does not answer
 * is passed over for the next one, and when none can give its libraries the slots move all the same
 * (a master down must not stop slots from leaving it) with a warning in the log; libraries loaded
 * through a proxy reach every group anyway. Backends without functions (Redis before 7) are left as
 * they are.
 */
final class FunctionCopy {
    private static final Logger LOG = LoggerFactory.getLogger(FunctionCopy.class);
    private static final int TIMEOUT_MILLIS = 1000;

    private FunctionCopy() {
    }

    /** Copies to the target group of every slot of {@code starting}, as far as the masters answer. */
    static void toTargets(Topology ctx, List<SlotMapping> starting, String auth) {
        Set<Integer> targets = new TreeSet<>();
        starting.forEach(m -> targets.add(m.action().targetId()));
        for (int target : targets) {
            String to = ctx.master(target);
            if (to.isEmpty()) {
                continue;
            }
            List<String> failures = new ArrayList<>();
            for (String from : sourceMasters(ctx, target)) {
                if (from.equals(to)) {
                    continue;
                }
                String failure = copy(from, to, auth);
                if (failure == null) {
                    LOG.warn("group-[{}] function libraries copied from {} to {}", target, from, to);
                    failures.clear();
                    break;
                }
                failures.add(failure);
            }
            if (!failures.isEmpty()) {
                LOG.warn("group-[{}] function libraries not copied to {}, FCALL there needs them loaded again"
                        + " (through a proxy, to every group): {}", target, to, String.join("; ", failures));
            }
        }
    }

    /** Null when copied (or when the servers have no functions), else why not. */
    private static String copy(String from, String to, String auth) {
        try (Jedis source = RedisControl.connect(from, auth, TIMEOUT_MILLIS);
                Jedis dest = RedisControl.connect(to, auth, TIMEOUT_MILLIS)) {
            dest.functionRestore(source.functionDump(), FunctionRestorePolicy.REPLACE);
            return null;
        } catch (JedisDataException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("ERR unknown command")) {
                return null;
            }
            return "from " + from + ": " + e.getMessage();
        } catch (RuntimeException e) {
            return "from " + from + ": " + e.getMessage();
        }
    }

    /** The masters of the other groups some slot belongs to, lowest group id first. */
    private static List<String> sourceMasters(Topology ctx, int target) {
        Set<Integer> groups = new TreeSet<>();
        for (SlotMapping m : ctx.slots()) {
            int gid = m.groupId();
            if (gid != 0 && gid != target && !ctx.master(gid).isEmpty()) {
                groups.add(gid);
            }
        }
        List<String> masters = new ArrayList<>();
        groups.forEach(gid -> masters.add(ctx.master(gid)));
        return masters;
    }
}
