package dev.vantage.notify;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * Delivers one notification to one channel: attempts until a 2xx answer or {@link RetryPolicy#maxAttempts()},
 * waiting the policy's backoff between them, recording every attempt. Nothing here blocks or throws: a receiver
 * that hangs or fails costs its own attempts and nothing else.
 */
public final class Delivery {

    private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);

    private final Sender sender;
    private final Timers timers;
    private final DeliveryLog log;
    private final RetryPolicy policy;
    private final Duration timeout;
    private final Clock clock;
    private final DoubleSupplier random;

    public Delivery(Sender sender, Timers timers, DeliveryLog log, RetryPolicy policy, Duration timeout, Clock clock,
                    DoubleSupplier random) {
        this.sender = sender;
        this.timers = timers;
        this.log = log;
        this.policy = policy;
        this.timeout = timeout;
        this.clock = clock;
        this.random = random;
    }

    /** Completes with whether the receiver took it; never fails. */
    public Future<Boolean> deliver(Channel channel, Notification n) {
        return attempt(channel, n, 1);
    }

    private Future<Boolean> attempt(Channel channel, Notification n, int number) {
        Promise<DeliveryLog.Attempt> outcome = Promise.promise();
        OutboundRequest request;
        try {
            request = channel.render(n, clock.instant());
        } catch (RuntimeException e) {
            LOG.warn("channel {} could not render incident {}", channel.name(), n.incidentId(), e);
            return Future.succeededFuture(false);
        }
        sender.send(request, timeout).onComplete(ar -> {
            boolean ok = ar.succeeded() && ar.result() / 100 == 2;
            Optional<String> error = ok ? Optional.empty() : Optional.of(ar.succeeded()
                    ? "HTTP " + ar.result() : ar.cause().getClass().getSimpleName() + ": " + ar.cause().getMessage());
            outcome.complete(new DeliveryLog.Attempt(n.incidentId(), n.event(), channel.name(), number,
                    clock.instant(), ok, ar.succeeded() ? Optional.of(ar.result()) : Optional.empty(),
                    error.map(e -> e.length() > 480 ? e.substring(0, 480) : e)));
        });
        return outcome.future().compose(a -> log.record(a).otherwise(e -> {
            LOG.warn("could not record delivery attempt {} of {} to {}: {}", number, n.idempotencyKey(),
                    channel.name(), e.getMessage());
            return null;
        }).compose(v -> {
            if (a.success()) {
                return Future.succeededFuture(true);
            }
            if (number >= policy.maxAttempts()) {
                LOG.warn("giving up on {} to channel {} after {} attempts: {}", n.idempotencyKey(), channel.name(),
                        number, a.error().orElse("?"));
                return Future.succeededFuture(false);
            }
            return timers.after(policy.delayBefore(number + 1, random))
                    .compose(w -> attempt(channel, n, number + 1));
        }));
    }
}
