package dev.vantage.config;

import java.time.Duration;
import java.util.Optional;

/** When a target is probed: every fixed interval, or on a Quartz cron expression. Exactly one is present. */
public record Schedule(Optional<Duration> interval, Optional<String> cron) {

    public static Schedule every(Duration interval) {
        return new Schedule(Optional.of(interval), Optional.empty());
    }

    public static Schedule cron(String expression) {
        return new Schedule(Optional.empty(), Optional.of(expression));
    }

    /**
     * The shortest gap between two runs: the interval, or for a cron the smallest gap among its next firings (a
     * bounded sample from a fixed instant, so the answer does not depend on the clock); empty for a cron that does
     * not parse or never fires.
     */
    public Optional<Duration> shortestGap() {
        if (interval.isPresent()) {
            return interval;
        }
        // Every run plans with it (staleness warnings): a cron's answer never changes, so it is worked out once.
        if (GAPS.size() > 10_000) {
            GAPS.clear();
        }
        return GAPS.computeIfAbsent(cron.orElseThrow(), c -> cronGap());
    }

    private static final java.util.Map<String, Optional<Duration>> GAPS = new java.util.concurrent.ConcurrentHashMap<>();

    private Optional<Duration> cronGap() {
        try {
            org.quartz.CronExpression c = new org.quartz.CronExpression(cron.orElseThrow());
            java.util.Date at = java.util.Date.from(java.time.Instant.parse("2026-01-01T00:00:00Z"));
            Duration shortest = null;
            java.util.Date prev = c.getNextValidTimeAfter(at);
            for (int i = 0; i < 64 && prev != null; i++) {
                java.util.Date next = c.getNextValidTimeAfter(prev);
                if (next == null) {
                    break;
                }
                Duration gap = Duration.ofMillis(next.getTime() - prev.getTime());
                shortest = shortest == null || gap.compareTo(shortest) < 0 ? gap : shortest;
                prev = next;
            }
            return Optional.ofNullable(shortest);
        } catch (java.text.ParseException e) {
            return Optional.empty();
        }
    }
}
