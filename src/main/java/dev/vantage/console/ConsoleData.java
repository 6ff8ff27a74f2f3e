package dev.vantage.console;

import dev.vantage.config.TargetSpec;
import dev.vantage.incident.Incident;
import dev.vantage.incident.IncidentService;
import dev.vantage.probe.RunKind;
import dev.vantage.service.TargetChangeRefused;
import dev.vantage.service.TargetManager;
import dev.vantage.store.ResultSummary;
import dev.vantage.store.StoredTarget;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads what the console pages show: reports and history from the {@link TargetManager}, incidents and uptime from
 * the {@link IncidentService} when the service runs one (without it those parts are left out).
 */
final class ConsoleData {

    /** Pulses drawn in a sparkline. */
    static final int SPARK_PULSES = 30;
    /** History rows read to find them: audits and load runs are interleaved with the pulses. */
    private static final int HISTORY_ROWS = 120;
    /** The grade chart's window, and the most history rows read for it (a week of one-minute pulses). */
    static final java.time.Duration GRADE_WINDOW = java.time.Duration.ofDays(30);
    private static final int GRADE_ROWS = 10_080;
    /** Incidents listed on a report card, open and resolved, newest first. */
    static final int CARD_INCIDENTS = 10;
    /** Open incidents read for the list, all targets together. */
    private static final int OPEN_INCIDENTS = 1000;

    private final Vertx vertx;
    private final TargetManager targets;
    private final Clock clock;
    private final PastDayCounts pastDays = new PastDayCounts();

    ConsoleData(Vertx vertx, TargetManager targets, Clock clock) {
        this.vertx = vertx;
        this.targets = targets;
        this.clock = clock;
    }

    Future<List<TargetRow>> rows() {
        return incidents(s -> s.incidents().list(Optional.empty(), true, OPEN_INCIDENTS)).compose(open -> {
            Map<String, List<Incident>> byTarget = open.orElse(List.of()).stream()
                    .collect(Collectors.groupingBy(Incident::target));
            return targets.list().compose(list -> Future.all(list.stream().map(t -> row(t.spec(),
                            byTarget.getOrDefault(t.spec().name(), List.of()))).toList())
                    .map(all -> all.<TargetRow>list()));
        });
    }

    /** The report card of {@code name}; fails with the manager's not-found error for an unknown name. */
    Future<CardPage> card(String name) {
        Instant now = clock.instant();
        return targets.get(name).compose(t -> incidents(s -> s.incidents().list(Optional.of(name), false,
                CARD_INCIDENTS)).compose(recent -> {
                    List<Incident> open = recent.orElse(List.of()).stream().filter(Incident::isOpen).toList();
                    Future<List<ResultSummary>> history = targets.history(name, now.minus(GRADE_WINDOW), GRADE_ROWS);
                    Future<List<Map<String, java.time.Duration>>> latencies = targets.recentLatencies(name,
                            now.minus(HistoryCharts.LATENCY_WINDOW), HistoryCharts.LATENCY_RUNS);
                    return Future.all(row(t.spec(), open), history, latencies).map(all -> new CardPage(all.resultAt(0),
                            recent, HistoryCharts.grades(all.resultAt(1), now), HistoryCharts.latency(all.resultAt(2))));
                }));
    }

    /** Public targets, up or down, with their 90-day uptime when incidents are enabled. */
    Future<List<StatusRow>> status() {
        Instant now = clock.instant();
        return targets.list().compose(list -> Future.all(list.stream().map(StoredTarget::spec)
                        .filter(TargetSpec::publicStatus)
                        .map(s -> report(s.name()).compose(card -> incidents(i -> UptimeBar.of(now,
                                (since, until) -> pastDays.count(s.name(), since, until, now,
                                        (from, to) -> i.pulses().count(s.name(), from, to))))
                                .map(bar -> new StatusRow(s.name(), card.map(c -> c.up() ? "up" : "down")
                                        .orElse("unknown"), bar))))
                        .toList())
                .map(all -> all.<StatusRow>list()));
    }

    /** The badge of a public target; empty for an unknown or private one, which must look the same (404). */
    Future<Optional<Badge>> badge(String name) {
        return targets.find(name).compose(found -> found.filter(t -> t.spec().publicStatus())
                .map(t -> report(name).map(card -> Optional.of(Badge.of(card.map(ReportCard::grade)
                        .orElse("pending")))))
                .orElseGet(() -> Future.succeededFuture(Optional.empty())));
    }

    private Future<TargetRow> row(TargetSpec spec, List<Incident> open) {
        Instant now = clock.instant();
        return report(spec.name()).compose(card -> targets.history(spec.name(), Instant.EPOCH, HISTORY_ROWS)
                .map(history -> {
                    List<Long> pulses = new ArrayList<>();
                    for (ResultSummary s : history) {
                        if (s.kind() == RunKind.PULSE && pulses.size() < SPARK_PULSES) {
                            pulses.add(s.durationMs());
                        }
                    }
                    Optional<Long> last = pulses.isEmpty() ? Optional.empty() : Optional.of(pulses.get(0));
                    Collections.reverse(pulses);
                    return new TargetRow(spec.name(), spec.url().toString(), spec.labels(), card, last,
                            Sparkline.of(pulses), open, now);
                }));
    }

    /** The newest report; empty before the first run (the manager answers that as not found). */
    private Future<Optional<ReportCard>> report(String name) {
        return targets.latestReport(name).map(json -> Optional.of(ReportCard.parse(json)))
                .recover(e -> e instanceof TargetChangeRefused r && r.reason() == TargetChangeRefused.Reason.NOT_FOUND
                        ? Future.succeededFuture(Optional.empty()) : Future.failedFuture(e));
    }

    /** Blocking work on the incident stores, on a worker; empty when this server runs no incident tracking. */
    private <T> Future<Optional<T>> incidents(Function<IncidentService, T> work) {
        Optional<IncidentService> service = IncidentService.published(vertx);
        if (service.isEmpty()) {
            return Future.succeededFuture(Optional.empty());
        }
        return vertx.executeBlocking(() -> Optional.of(work.apply(service.get())), false);
    }
}
