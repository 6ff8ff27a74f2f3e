package dev.vantage.notify;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.time.Duration;

/** Waits without blocking; a test passes one that records the delays and fires at once. */
public interface Timers {

    Future<Void> after(Duration delay);

    static Timers of(Vertx vertx) {
        return delay -> {
            Promise<Void> p = Promise.promise();
            vertx.setTimer(Math.max(1, delay.toMillis()), id -> p.complete());
            return p.future();
        };
    }
}
