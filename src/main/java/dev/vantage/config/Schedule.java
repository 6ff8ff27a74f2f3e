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
}
