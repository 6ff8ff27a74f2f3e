package dev.vantage.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When a target's uptime gauges are recomputed: at its first report, whenever an incident opens or resolves, and
 * otherwise at most every {@link #EVERY}. A recomputation sums the target's stored pulses over 1, 7 and 30 days
 * (about 900 hourly blocks once 30 days are kept); doing it after every pulse cost more than the pulse's own writes
 * at steady state, for ratios that a minute moves by at most a 43,200th. {@code GET /api/targets/{name}/uptime}
 * still counts afresh on every call.
 */
final class UptimeRefresh {

    static final Duration EVERY = Duration.ofMinutes(5);

    private final Map<String, Instant> last = new ConcurrentHashMap<>();

    /** Whether to recompute now; if so, counts it as done at {@code now}. */
    boolean due(String target, Instant now, boolean transitioned) {
        Instant before = last.get(target);
        if (transitioned || before == null || !now.isBefore(before.plus(EVERY)) || now.isBefore(before)) {
            last.put(target, now);
            return true;
        }
        return false;
    }

    void forget(String target) {
        last.remove(target);
    }
}
