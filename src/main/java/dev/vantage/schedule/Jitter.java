package dev.vantage.schedule;

import dev.vantage.probe.RunKind;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.zip.CRC32;

/**
 * Stable per-target spreading of interval schedules: a target always fires at the same offset within its period,
 * so 1,000 targets at 60 s fire spread over the minute instead of all at :00, and restarts or other nodes compute
 * the same times. Pure.
 */
final class Jitter {

    /** The first audit or load run of a new target comes soon (its first full report), spread over this window. */
    static final Duration FIRST_SLOW_RUN_WINDOW = Duration.ofMinutes(1);

    /** A full audit is about 140 requests and handshakes: at most one new target's first audit per this long. */
    static final Duration FIRST_AUDIT_SPACING = Duration.ofSeconds(2);

    private Jitter() {
    }

    /**
     * The window over which the first audits of {@code newTargets} targets added at once are spread: a minute for a
     * few, two seconds a target beyond that (10,000 new targets: about 5.5 hours, not a million handshakes in the
     * first minute; docs/scale.md "first-audit storm").
     */
    static Duration firstSlowRunWindow(int newTargets) {
        Duration spread = FIRST_AUDIT_SPACING.multipliedBy(Math.max(0, newTargets));
        return spread.compareTo(FIRST_SLOW_RUN_WINDOW) > 0 ? spread : FIRST_SLOW_RUN_WINDOW;
    }

    /** The target's stable offset within {@code period}, from a hash of its name and the run kind. */
    static Duration offset(String target, RunKind kind, Duration period) {
        CRC32 crc = new CRC32();
        crc.update((target + "/" + kind.id()).getBytes(StandardCharsets.UTF_8));
        return Duration.ofMillis(crc.getValue() % Math.max(1, period.toMillis()));
    }

    /**
     * When an interval schedule first fires. Pulses: the next instant at the target's offset in the period, counted
     * from the epoch (so every node agrees). Audits and load runs: within {@link #FIRST_SLOW_RUN_WINDOW} of now, at
     * the target's offset in that window, so a new target gets its full report within a minute, not a day.
     */
    static Instant firstFire(String target, RunKind kind, Duration period, Instant now) {
        return firstFire(target, kind, period, now, FIRST_SLOW_RUN_WINDOW);
    }

    /**
     * As above, with the first audits and load runs spread over {@code slowWindow} (at most one period): starting
     * with many new targets at once must not ask for all their audits in the first minute.
     */
    static Instant firstFire(String target, RunKind kind, Duration period, Instant now, Duration slowWindow) {
        if (kind != RunKind.PULSE) {
            Duration window = period.compareTo(slowWindow) < 0 ? period : slowWindow;
            return now.plus(offset(target, kind, window));
        }
        long p = period.toMillis();
        long off = offset(target, kind, period).toMillis();
        long base = now.toEpochMilli() - Math.floorMod(now.toEpochMilli(), p);
        long first = base + off;
        return Instant.ofEpochMilli(first < now.toEpochMilli() ? first + p : first);
    }
}
