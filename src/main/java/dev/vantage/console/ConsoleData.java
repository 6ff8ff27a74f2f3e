package dev.vantage.console;

import dev.vantage.config.TargetSpec;
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
import java.util.Optional;

/** Reads what the console pages show from the {@link TargetManager}: reports, pulse history, public targets. */
final class ConsoleData {

    /** Pulses drawn in a sparkline. */
    static final int SPARK_PULSES = 30;
    /** History rows read to find them: audits and load runs are interleaved with the pulses. */
    private static final int HISTORY_ROWS = 120;

    private final Vertx vertx;
    private final TargetManager targets;
    private final Clock clock;

    ConsoleData(Vertx vertx, TargetManager targets, Clock clock) {
        this.vertx = vertx;
        this.targets = targets;
        this.clock = clock;
    }

    Future<List<TargetRow>> rows() {
        return targets.list().compose(list -> Future.all(list.stream().map(t -> row(t.spec())).toList())
                .map(all -> all.<TargetRow>list()));
    }

    /** Fails with the manager's not-found error for an unknown name. */
    Future<TargetRow> row(String name) {
        return targets.get(name).compose(t -> row(t.spec()));
    }

    Future<List<StatusRow>> status() {
        return targets.list().compose(list -> Future.all(list.stream().map(StoredTarget::spec)
                        .filter(TargetSpec::publicStatus)
                        .map(s -> report(s.name()).map(card -> new StatusRow(s.name(),
                                card.map(c -> c.up() ? "up" : "down").orElse("unknown"))))
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

    private Future<TargetRow> row(TargetSpec spec) {
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
                    return new TargetRow(spec.name(), spec.url().toString(), card, last, Sparkline.of(pulses), now);
                }));
    }

    /** The newest report; empty before the first run (the manager answers that as not found). */
    private Future<Optional<ReportCard>> report(String name) {
        return targets.latestReport(name).map(json -> Optional.of(ReportCard.parse(json)))
                .recover(e -> e instanceof TargetChangeRefused r && r.reason() == TargetChangeRefused.Reason.NOT_FOUND
                        ? Future.succeededFuture(Optional.empty()) : Future.failedFuture(e));
    }
}
