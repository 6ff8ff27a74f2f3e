package dev.vantage.schedule;

import io.vertx.core.Future;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs work for the same host one after another: audits of targets on one host never overlap, so a site with ten
 * monitored pages sees one audit's TLS enumeration and exposure probe at a time. Targets run on several event
 * loops, so the queue table is guarded by the gate's lock (held only to link futures, never while work runs); per
 * node — two nodes of a cluster may still audit the same host at once (docs/deployment.md).
 */
final class HostGate {

    private final Map<String, Future<?>> tails = new HashMap<>();

    /** Starts {@code work} once every earlier work for {@code host} has finished, whatever its outcome. */
    synchronized <T> Future<T> serialise(String host, Supplier<Future<T>> work) {
        Future<?> before = tails.getOrDefault(host, Future.succeededFuture());
        Future<T> mine = before.transform(ignored -> work.get());
        tails.put(host, mine);
        mine.onComplete(ar -> {
            synchronized (this) {
                tails.remove(host, mine);
            }
        });
        return mine;
    }

    /** Hosts with work queued or running (for tests and metrics). */
    synchronized int busyHosts() {
        return tails.size();
    }
}
