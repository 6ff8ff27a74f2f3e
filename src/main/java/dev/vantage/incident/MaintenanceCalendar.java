package dev.vantage.incident;

import dev.vantage.config.MaintenanceWindow;
import org.quartz.CronExpression;

import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;

/** Whether a target is in maintenance at an instant: the config file's cron windows and the API's stored ones. */
public final class MaintenanceCalendar {

    private final List<Recurring> recurring;
    private final MaintenanceRepository stored;

    private record Recurring(MaintenanceWindow window, CronExpression cron) {
    }

    /** @param zone the zone the cron expressions are read in (the service's, as Quartz reads target schedules) */
    public MaintenanceCalendar(List<MaintenanceWindow> windows, MaintenanceRepository stored, TimeZone zone) {
        this.recurring = windows.stream().map(w -> new Recurring(w, cron(w.cron(), zone))).toList();
        this.stored = stored;
    }

    /** Why the target is in maintenance at {@code at}, or empty; reads the database (worker threads only). */
    public Optional<String> reason(String target, Instant at) {
        Optional<String> configured = configured(target, at);
        if (configured.isPresent()) {
            return configured;
        }
        return stored.current(at).stream().filter(w -> w.covers(target, at)).findFirst()
                .map(w -> "maintenance window " + w.id() + " until " + w.endsAt() + ": " + w.reason());
    }

    /**
     * A recurring window covers {@code at} when one of its cron fire times lies in {@code (at - duration, at]}:
     * the first fire time after {@code at - duration} is then at or before {@code at}.
     */
    Optional<String> configured(String target, Instant at) {
        for (Recurring r : recurring) {
            if (!r.window().covers(target)) {
                continue;
            }
            Date next = r.cron().getTimeAfter(Date.from(at.minus(r.window().duration())));
            if (next != null && !next.toInstant().isAfter(at)) {
                return Optional.of("maintenance window \"" + r.window().cron() + "\" from " + next.toInstant()
                        + " for " + dev.vantage.target.Durations.format(r.window().duration()));
            }
        }
        return Optional.empty();
    }

    private static CronExpression cron(String text, TimeZone zone) {
        try {
            CronExpression c = new CronExpression(text);
            c.setTimeZone(zone);
            return c;
        } catch (ParseException e) {
            throw new IllegalArgumentException("maintenance cron \"" + text + "\": " + e.getMessage(), e);
        }
    }
}
