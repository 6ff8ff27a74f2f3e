package dev.vantage.notify;

import io.vertx.core.Future;

import java.time.Instant;
import java.util.Optional;

/** Where every delivery attempt is recorded (the database in the service; a list in tests). */
public interface DeliveryLog {

    /**
     * One attempt.
     *
     * @param status the receiver's HTTP status; empty when none came (refused, timeout)
     * @param error  why the attempt failed; empty on success
     */
    record Attempt(String incidentId, Notification.Event event, String channel, int attempt, Instant at,
                   boolean success, Optional<Integer> status, Optional<String> error) {
    }

    Future<Void> record(Attempt attempt);
}
