package dev.vantage.console;

import dev.vantage.incident.UptimeRepository;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;

/**
 * Uptime of a public target over the last {@link #DAYS} days (UTC), one segment per day, from the stored pulses
 * (maintenance left out, a success as uptime counts it): green when every pulse succeeded, amber when some failed,
 * red when most did, grey without data. Each segment has a title, and the whole bar a sentence, for screen readers.
 *
 * @param summary e.g. "99.95% up over the last 90 days (129,600 pulses)"
 */
public record UptimeBar(List<Day> days, String summary) {

    public static final int DAYS = 90;
    public static final int SEGMENT = 6;
    public static final int GAP = 2;
    public static final int HEIGHT = 28;
    public static final int WIDTH = DAYS * (SEGMENT + GAP) - GAP;

    /** One day's pulses; {@code x} is where its segment starts. */
    public record Day(LocalDate date, long pulses, long successes, int x) {
        /** {@code none} (no data), {@code up} (all succeeded), {@code partial} (some failed), {@code down} (half or more). */
        public String state() {
            if (pulses == 0) {
                return "none";
            }
            if (successes == pulses) {
                return "up";
            }
            return successes * 2 > pulses ? "partial" : "down";
        }

        public String title() {
            return pulses == 0 ? date + ": no data"
                    : date + ": " + percent((double) successes / pulses) + " up (" + successes + " of " + pulses
                    + " pulses)";
        }
    }

    /**
     * @param counts pulses and successes in {@code [since, until)}; called once per day
     */
    public static UptimeBar of(Instant now, BiFunction<Instant, Instant, UptimeRepository.Counts> counts) {
        LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
        List<Day> days = new ArrayList<>();
        long pulses = 0;
        long successes = 0;
        for (int i = 0; i < DAYS; i++) {
            LocalDate date = today.minusDays(DAYS - 1 - i);
            UptimeRepository.Counts c = counts.apply(date.atStartOfDay(ZoneOffset.UTC).toInstant(),
                    date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
            days.add(new Day(date, c.pulses(), c.successes(), i * (SEGMENT + GAP)));
            pulses += c.pulses();
            successes += c.successes();
        }
        String summary = pulses == 0 ? "no pulses stored in the last " + DAYS + " days"
                : percent((double) successes / pulses) + " up over the last " + DAYS + " days ("
                + String.format(Locale.ROOT, "%,d", pulses) + (pulses == 1 ? " pulse)" : " pulses)");
        return new UptimeBar(days, summary);
    }

    /** Two decimals, never rounded up to 100% while a pulse failed. */
    static String percent(double ratio) {
        double floored = Math.floor(ratio * 10_000) / 100;
        return String.format(Locale.ROOT, "%.2f%%", floored);
    }
}
