package dev.vantage.incident;

import dev.vantage.config.AlertsConfig;
import dev.vantage.config.TargetSpec;
import dev.vantage.grade.Grade;

import java.time.Duration;
import java.util.Optional;

/** The thresholds one target is judged by: the service's {@code alerts:} block and the target's {@code expect:}. */
public record IncidentPolicy(int failureThreshold, int recoveryThreshold, Duration certWindow,
                             Optional<Grade> expectGrade) {

    public static IncidentPolicy of(AlertsConfig alerts, TargetSpec target) {
        return new IncidentPolicy(alerts.failureThreshold(), alerts.recoveryThreshold(),
                Duration.ofDays(alerts.certDays()), target.expectGrade());
    }
}
