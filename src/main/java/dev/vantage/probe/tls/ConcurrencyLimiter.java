package dev.vantage.probe.tls;

import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.function.Supplier;

/** Runs at most {@code max} asynchronous tasks at once (the per-target politeness cap); the rest wait in order. */
final class ConcurrencyLimiter {

    private final int max;
    private final Queue<Runnable> waiting = new ArrayDeque<>();
    private int running;

    ConcurrencyLimiter(int max) {
        this.max = Math.max(1, max);
    }

    <T> Future<T> submit(Supplier<Future<T>> task) {
        Promise<T> promise = Promise.promise();
        Runnable start = () -> {
            Future<T> f;
            try {
                f = task.get();
            } catch (RuntimeException e) {
                f = Future.failedFuture(e);
            }
            f.onComplete(r -> {
                release();
                promise.handle(r);
            });
        };
        boolean now;
        synchronized (this) {
            now = running < max;
            if (now) {
                running++;
            } else {
                waiting.add(start);
            }
        }
        if (now) {
            start.run();
        }
        return promise.future();
    }

    private void release() {
        Runnable next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                running--;
            }
        }
        if (next != null) {
            next.run();
        }
    }
}
