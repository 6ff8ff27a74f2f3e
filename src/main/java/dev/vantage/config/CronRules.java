package dev.vantage.config;

import org.quartz.CronExpression;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.Optional;
import java.util.TimeZone;

/**
 * What a cron schedule must do beyond being valid Quartz syntax: fire at least once within a year (a schedule that
 * never fires cannot be scheduled at all), and never sooner than {@link #MIN_INTERVAL} after its previous firing
 * (the same floor as {@code interval}). Pure: the instant and zone are given, so the answer is reproducible.
 */
public final class CronRules {

    /** The shortest gap between two runs of one target, for interval and cron schedules alike. */
    public static final Duration MIN_INTERVAL = Duration.ofSeconds(5);
    /** A schedule whose first firing is further away than this is taken for a mistake. */
    static final Duration HORIZON = Duration.ofDays(366);
    /**
     * Gaps are checked between this many consecutive firings. Any pair of firings too close together repeats
     * within the first firings a cron makes (its fields repeat every minute, hour, day, month or year, and the
     * first firing minute shows all its seconds), so a bounded sample sees it.
     */
    static final int SAMPLE = 1000;

    private CronRules() {
    }

    /** The problem with {@code cron} as Quartz syntax alone, for a schedule that was checked when it was written. */
    public static Optional<String> syntaxProblem(String cron) {
        try {
            new CronExpression(cron);
            return Optional.empty();
        } catch (ParseException e) {
            return Optional.of(notCron(cron, e));
        }
    }

    /** The problem with {@code cron} as a schedule starting at {@code now} in the system zone (as Quartz uses). */
    public static Optional<String> problem(String cron, Instant now) {
        return problem(cron, now, ZoneId.systemDefault());
    }

    /** The problem with {@code cron} as a schedule starting at {@code now} in {@code zone}; empty when it is fine. */
    public static Optional<String> problem(String cron, Instant now, ZoneId zone) {
        CronExpression expression;
        try {
            expression = new CronExpression(cron);
        } catch (ParseException e) {
            return Optional.of(notCron(cron, e));
        }
        expression.setTimeZone(TimeZone.getTimeZone(zone));
        Date first = expression.getNextValidTimeAfter(Date.from(now));
        if (first == null) {
            return Optional.of("cron \"" + cron + "\" never fires after " + now + " (an impossible date such as "
                    + "31 February, or a year in the past)");
        }
        if (first.toInstant().isAfter(now.plus(HORIZON))) {
            return Optional.of("cron \"" + cron + "\" does not fire within a year (first firing " + first.toInstant()
                    + "); a schedule must run at least once a year");
        }
        Date previous = first;
        for (int i = 1; i < SAMPLE; i++) {
            Date next = expression.getNextValidTimeAfter(previous);
            if (next == null) {
                break;
            }
            Duration gap = Duration.between(previous.toInstant(), next.toInstant());
            if (gap.compareTo(MIN_INTERVAL) < 0) {
                return Optional.of("cron \"" + cron + "\" fires " + gap.toSeconds() + "s apart (at "
                        + previous.toInstant() + " and " + next.toInstant() + "); runs must be at least "
                        + MIN_INTERVAL.toSeconds() + "s apart");
            }
            previous = next;
        }
        return Optional.empty();
    }

    private static String notCron(String cron, ParseException e) {
        return "cron \"" + cron + "\" is not a Quartz cron expression (sec min hour day month weekday, "
                + "e.g. \"0 */5 * * * ?\"): " + e.getMessage();
    }
}
