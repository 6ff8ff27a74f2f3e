package dev.vantage.notify;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Tells each Alertmanager, every {@link #EVERY}, which incidents are still firing, as Prometheus re-sends its firing
 * alerts: Alertmanager ends an alert at its {@code endsAt} unless it hears of it again. Alertmanager identifies
 * alerts by their labels, so a repeat is the same alert with a later end, never a new notification; and every node of
 * a cluster may repeat the same incidents without harm. A repeat is one attempt, not logged as a delivery: the next
 * one follows a minute later, and a receiver that is down costs one bounded request a minute.
 */
public final class AlertRepeater {

    /** As often as Prometheus re-sends by default ({@code --rules.alert.resend-delay=1m}). */
    public static final Duration EVERY = Duration.ofMinutes(1);
    /** Alerts per request: a few hundred KB of JSON at most. */
    static final int BATCH = 500;
    private static final Logger LOG = LoggerFactory.getLogger(AlertRepeater.class);

    private final List<AlertmanagerChannel> channels;
    private final Sender sender;
    private final Duration timeout;
    private final Clock clock;
    private final Supplier<Future<List<Notification>>> firing;
    private final AtomicBoolean running = new AtomicBoolean();

    /** @param firing the open incidents as {@code OPENED} notifications; read afresh for every repeat */
    public AlertRepeater(List<AlertmanagerChannel> channels, Sender sender, Duration timeout, Clock clock,
                         Supplier<Future<List<Notification>>> firing) {
        this.channels = List.copyOf(channels);
        this.sender = sender;
        this.timeout = timeout;
        this.clock = clock;
        this.firing = firing;
    }

    /** Repeats every {@link #EVERY} on {@code vertx} until it closes; nothing when no channel is an Alertmanager. */
    public void start(Vertx vertx) {
        if (!channels.isEmpty()) {
            vertx.setPeriodic(EVERY.toMillis(), id -> repeatOnce());
        }
    }

    /**
     * Sends the firing incidents to every Alertmanager once. Completes, never failing, with the number of requests
     * answered 2xx; a round still running when the next is due makes that one a no-op.
     */
    public Future<Integer> repeatOnce() {
        if (channels.isEmpty() || !running.compareAndSet(false, true)) {
            return Future.succeededFuture(0);
        }
        return firing.get().compose(this::sendAll)
                .recover(e -> {
                    LOG.warn("could not repeat the firing incidents to Alertmanager: {}", e.toString());
                    return Future.succeededFuture(0);
                })
                .onComplete(done -> running.set(false));
    }

    private Future<Integer> sendAll(List<Notification> open) {
        List<Future<Boolean>> sent = new ArrayList<>();
        for (int from = 0; from < open.size(); from += BATCH) {
            List<Notification> batch = open.subList(from, Math.min(open.size(), from + BATCH));
            for (AlertmanagerChannel c : channels) {
                sent.add(sender.send(c.stillFiring(batch, clock.instant()), timeout)
                        .map(status -> status / 100 == 2)
                        .otherwise(e -> {
                            LOG.debug("repeat to {} failed: {}", c.name(), e.toString());
                            return false;
                        }));
            }
        }
        return Future.join(sent).map(all -> (int) sent.stream().filter(f -> f.result()).count());
    }
}
