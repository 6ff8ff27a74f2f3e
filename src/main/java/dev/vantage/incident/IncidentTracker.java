package dev.vantage.incident;

import dev.vantage.config.AlertsConfig;
import dev.vantage.config.TargetSpec;
import dev.vantage.notify.Notification;
import dev.vantage.notify.Notifier;
import dev.vantage.report.Report;
import dev.vantage.schedule.ResultSink;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The result sink of incidents: each report becomes an observation, the state machine runs against the state in
 * the database (on a worker thread), the step is written only if no other node wrote first, and the node that
 * wrote it notifies. So a transition is recorded and notified once, however many nodes run the target.
 */
public final class IncidentTracker implements ResultSink {

    private static final Logger LOG = LoggerFactory.getLogger(IncidentTracker.class);
    /** Conflicting writers are rare (two nodes, same target, same moment); a few re-reads settle them. */
    private static final int MAX_CONFLICTS = 5;

    private final Vertx vertx;
    private final IncidentService store;
    private final AlertsConfig alerts;
    private final Notifier notifier;
    private final UptimeMetrics metrics;
    private final Clock clock;
    private final UptimeRefresh uptimeRefresh = new UptimeRefresh();
    /** Observations recorded per target since start: a healthy target's steady state writes no row to count. */
    private final Map<String, AtomicLong> observed = new ConcurrentHashMap<>();

    public IncidentTracker(Vertx vertx, IncidentService store, AlertsConfig alerts, Notifier notifier,
                           UptimeMetrics metrics, Clock clock) {
        this.vertx = vertx;
        this.store = store;
        this.alerts = alerts;
        this.notifier = notifier;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public void accept(TargetSpec target, Report report) {
        Observation o = Observation.of(report);
        vertx.executeBlocking(() -> track(target, o), false)
                .compose(this::notifyAll)
                .onFailure(e -> LOG.warn("incident tracking of {} failed: {}", target.name(), e.toString()));
    }

    /** Records the step of one observation; returns it (empty when the same step was already recorded). */
    IncidentRules.Step track(TargetSpec target, Observation o) {
        String name = target.name();
        Optional<String> maintenance = store.calendar().reason(name, o.at());
        if (maintenance.isPresent() && o.pulse()) {
            store.maintenance().markPulse(name, o.at());
        }
        IncidentPolicy policy = IncidentPolicy.of(alerts, target);
        for (int i = 0; i < MAX_CONFLICTS; i++) {
            IncidentRepository.Loaded before = store.incidents().load(name);
            IncidentRules.Step step = IncidentRules.evaluate(name, before.state(), before.open(), o, policy,
                    maintenance.isPresent());
            // A healthy target's steady state: nothing to write (a transaction per pulse saved, docs/scale.md).
            boolean unchanged = !step.transitions() && step.state().equals(before.state())
                    && before.version() != IncidentRepository.NO_ROW;
            if (unchanged || store.incidents().apply(name, before, step, o.at())) {
                step.opened().forEach(x -> LOG.info("incident {} opened: {} ({})", x.id(), x.title(), x.evidence()));
                step.resolved().forEach(x -> LOG.info("incident {} resolved: {} ({})", x.id(), x.title(),
                        x.resolution().orElse("")));
                int open = before.open().size() + step.opened().size() - step.resolved().size();
                Instant now = clock.instant();
                if (uptimeRefresh.due(name, now, step.transitions())) {
                    metrics.publish(name, store.uptime(target, now), open);
                }
                observed.computeIfAbsent(name, n -> new AtomicLong()).incrementAndGet();
                return step;
            }
        }
        throw new IllegalStateException("the incident state of " + name + " kept changing under " + MAX_CONFLICTS
                + " attempts to record a report; skipped");
    }

    /** How many reports of the target this node has recorded since start. */
    public long observations(String target) {
        AtomicLong n = observed.get(target);
        return n == null ? 0 : n.get();
    }

    private Future<Void> notifyAll(IncidentRules.Step step) {
        List<Future<Void>> sent = new ArrayList<>();
        step.opened().forEach(i -> sent.add(notifier.publish(notification(Notification.Event.OPENED, i))));
        step.resolved().forEach(i -> sent.add(notifier.publish(notification(Notification.Event.RESOLVED, i))));
        return Future.join(sent).mapEmpty();
    }

    static Notification notification(Notification.Event event, Incident i) {
        return new Notification(event, i.id(), i.target(), i.kind().id(), i.subject(), i.title(), i.evidence(),
                i.openedAt(), i.resolvedAt(), i.resolution());
    }

    @Override
    public void forget(String targetName) {
        metrics.forget(targetName);
        observed.remove(targetName);
        uptimeRefresh.forget(targetName);
        vertx.executeBlocking(() -> {
            store.incidents().forget(targetName);
            return null;
        }, false).onFailure(e -> LOG.warn("could not forget the incident state of {}: {}", targetName, e.toString()));
    }
}
