package dev.vantage.probe.exposure;

import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** Runs asynchronous tasks with at most {@code concurrency} in flight, results in task order. */
final class Bounded {

    private Bounded() {
    }

    /** The tasks' futures must never fail (probers never do); a failure would leave its slot null. */
    static <T> Future<List<T>> run(List<Supplier<Future<T>>> tasks, int concurrency) {
        if (tasks.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        Object[] results = new Object[tasks.size()];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        Promise<List<T>> all = Promise.promise();
        Runnable[] worker = new Runnable[1];
        worker[0] = () -> {
            int i = next.getAndIncrement();
            if (i >= tasks.size()) {
                return;
            }
            tasks.get(i).get().onComplete(ar -> {
                results[i] = ar.succeeded() ? ar.result() : null;
                if (finished.incrementAndGet() == tasks.size()) {
                    @SuppressWarnings("unchecked")
                    List<T> ordered = (List<T>) new ArrayList<>(Arrays.asList(results));
                    all.complete(ordered);
                } else {
                    worker[0].run();
                }
            });
        };
        for (int w = 0; w < Math.max(1, concurrency); w++) {
            worker[0].run();
        }
        return all.future();
    }
}
