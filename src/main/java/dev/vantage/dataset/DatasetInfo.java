package dev.vantage.dataset;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Where a dataset came from and how old it is, so a report can say which data judged it.
 *
 * @param kind   {@code vulnerabilities} or {@code end-of-life}
 * @param name   the file it was read from, or {@code bundled} with the upstream source
 * @param date   the day the data was taken from its source
 */
public record DatasetInfo(String kind, String name, LocalDate date) {

    /** Older than this, a report warns that the data may miss recent advisories or end-of-life dates. */
    public static final Duration MAX_AGE = Duration.ofDays(180);

    /** Whole days from the dataset's date to {@code now}. */
    public long ageDays(Instant now) {
        return Math.max(0, Duration.between(date.atStartOfDay(ZoneOffset.UTC).toInstant(), now).toDays());
    }

    public boolean stale(Instant now) {
        return ageDays(now) > MAX_AGE.toDays();
    }

    /** One line for reports: {@code vulnerabilities: bundled retire.js ... (2026-08-22, 100 days old)}. */
    public String describe(Instant now) {
        return kind + " dataset " + name + " of " + date + (stale(now) ? " (WARNING: " + ageDays(now)
                + " days old, more than " + MAX_AGE.toDays() + "; replace it, see docs/datasets.md)" : "");
    }
}
