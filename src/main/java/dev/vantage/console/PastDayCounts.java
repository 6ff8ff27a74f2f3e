package dev.vantage.console;

import dev.vantage.incident.UptimeRepository;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * The pulse counts of days that have ended, kept for an hour, so the public status page's 90-day bar costs a query
 * for today per target instead of one per day. An ended day gains no pulses (a pulse is stamped with its own time);
 * it only loses them to retention or a deleted target, which the hour bounds. Today is always read afresh.
 */
final class PastDayCounts {

    static final Duration KEEP = Duration.ofHours(1);
    /** 90 days of a few hundred public targets; past it the cache is emptied rather than grown. */
    static final int MAX_ENTRIES = 90 * 500;

    private record Key(String target, Instant since) {
    }

    private record Entry(UptimeRepository.Counts counts, Instant readAt) {
    }

    private final ConcurrentHashMap<Key, Entry> days = new ConcurrentHashMap<>();

    /** The counts of {@code target} in {@code [since, until)}, read through {@code load} unless a kept one is fresh. */
    UptimeRepository.Counts count(String target, Instant since, Instant until, Instant now,
                                  BiFunction<Instant, Instant, UptimeRepository.Counts> load) {
        Instant today = now.atZone(ZoneOffset.UTC).toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant();
        if (until.isAfter(today)) {
            return load.apply(since, until);
        }
        Key key = new Key(target, since);
        Entry kept = days.get(key);
        if (kept != null && now.isBefore(kept.readAt().plus(KEEP))) {
            return kept.counts();
        }
        UptimeRepository.Counts read = load.apply(since, until);
        if (days.size() >= MAX_ENTRIES) {
            days.clear();
        }
        days.put(key, new Entry(read, now));
        return read;
    }
}
