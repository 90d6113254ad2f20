package io.codis.dashboard.slots;

import io.codis.common.http.ApiError;
import io.codis.common.model.SlotMapping;
import io.codis.dashboard.redis.RedisControl;
import io.codis.dashboard.store.Topology;
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
 * Backends without functions (Redis before 7) are left as they are.
 */
final class FunctionCopy {
    private static final Logger LOG = LoggerFactory.getLogger(FunctionCopy.class);
    private static final int TIMEOUT_MILLIS = 5000;

    private FunctionCopy() {
    }

    /** Copies to the target group of every slot of {@code starting}; an ApiError (nothing stored yet) when a copy fails. */
    static void toTargets(Topology ctx, List<SlotMapping> starting, String auth) {
        Set<Integer> targets = new TreeSet<>();
        starting.forEach(m -> targets.add(m.action().targetId()));
        for (int target : targets) {
            String from = sourceMaster(ctx, target);
            String to = ctx.master(target);
            if (from.isEmpty() || to.isEmpty() || from.equals(to)) {
                continue;
            }
            try (Jedis source = RedisControl.connect(from, auth, TIMEOUT_MILLIS);
                    Jedis dest = RedisControl.connect(to, auth, TIMEOUT_MILLIS)) {
                dest.functionRestore(source.functionDump(), FunctionRestorePolicy.REPLACE);
            } catch (JedisDataException e) {
                if (e.getMessage() != null && e.getMessage().startsWith("ERR unknown command")) {
                    continue;
                }
                throw failed(target, from, to, e);
            } catch (RuntimeException e) {
                throw failed(target, from, to, e);
            }
            LOG.warn("group-[{}] function libraries copied from {} to {}", target, from, to);
        }
    }

    private static ApiError failed(int target, String from, String to, RuntimeException e) {
        return new ApiError("group-[" + target + "] copy function libraries from " + from + " to " + to
                + " failed: " + e.getMessage(), e);
    }

    /** The master of the lowest-numbered other group some slot belongs to; "" when there is none. */
    private static String sourceMaster(Topology ctx, int target) {
        int best = 0;
        for (SlotMapping m : ctx.slots()) {
            int gid = m.groupId();
            if (gid != 0 && gid != target && (best == 0 || gid < best) && !ctx.master(gid).isEmpty()) {
                best = gid;
            }
        }
        return best == 0 ? "" : ctx.master(best);
    }
}
