package dev.vantage.console;

import dev.vantage.incident.Incident;

import java.util.List;
import java.util.Optional;

/**
 * The report card page: the target's row, its open and recent incidents (empty when incidents are not enabled on
 * this server) and its history charts.
 */
public record CardPage(TargetRow row, Optional<List<Incident>> incidents, Chart grades, Chart latency) {
}
