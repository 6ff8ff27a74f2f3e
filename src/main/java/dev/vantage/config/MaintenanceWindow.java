package dev.vantage.config;

import java.time.Duration;
import java.util.List;

/**
 * A recurring maintenance window from the config file: it opens at each fire time of {@code cron} (Quartz syntax)
 * and lasts {@code duration}; {@code targets} names the targets it silences, empty meaning all of them.
 */
public record MaintenanceWindow(String cron, Duration duration, List<String> targets) {
    public MaintenanceWindow {
        targets = List.copyOf(targets);
    }

    public boolean covers(String target) {
        return targets.isEmpty() || targets.contains(target);
    }
}
