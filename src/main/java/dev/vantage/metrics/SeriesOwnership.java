package dev.vantage.metrics;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * In a cluster, picks the one node that exports each target's gauges, so Prometheus scraping every node sees each
 * target once: rendezvous hashing of the target name over the live nodes (every node computes the same owner from
 * the same check-in table without talking to the others; a dead node's targets spread over the survivors, and the
 * others keep theirs). The owner shows the series stored with the target's newest result, whichever node produced
 * it. Ownership does not follow who probed last: Quartz hands each firing to any node, so that would move a
 * target's series between nodes every few seconds, and Prometheus would see them flap. Blocking: call
 * {@link #refresh()} from a worker thread.
 */
public final class SeriesOwnership {

    private final ProbeMetrics metrics;
    private final String me;
    private final Supplier<List<String>> liveNodes;
    private final Supplier<Map<String, String>> storedSeries;
    /** The stored text each shown target was rendered from, so an unchanged result is not parsed again. */
    private final Map<String, String> rendered = new HashMap<>();

    /**
     * @param me           this node's id, as it appears among {@code liveNodes}
     * @param liveNodes    the ids of the nodes checked in with the cluster now
     * @param storedSeries target name to the series JSON stored with its newest result
     */
    public SeriesOwnership(ProbeMetrics metrics, String me, Supplier<List<String>> liveNodes,
                           Supplier<Map<String, String>> storedSeries) {
        this.metrics = metrics;
        this.me = me;
        this.liveNodes = liveNodes;
        this.storedSeries = storedSeries;
    }

    /** Shows the targets this node owns with their newest stored series and hides every other target. */
    public synchronized void refresh() {
        List<String> nodes = liveNodes.get();
        if (!nodes.contains(me)) {
            // Not checked in (yet, or the database was away): owning nothing beats exporting duplicates.
            nodes = List.of();
        }
        Map<String, String> stored = storedSeries.get();
        for (String target : metrics.shown().keySet()) {
            if (!stored.containsKey(target) || !me.equals(owner(target, nodes))) {
                metrics.hide(target);
                rendered.remove(target);
            }
        }
        for (var e : stored.entrySet()) {
            if (me.equals(owner(e.getKey(), nodes)) && !e.getValue().equals(rendered.get(e.getKey()))) {
                TargetSeries.fromJson(e.getValue()).ifPresent(s -> {
                    metrics.show(s);
                    rendered.put(e.getKey(), e.getValue());
                });
            }
        }
    }

    /** SplitMix64's finalizer: String.hashCode is the same in every JVM, this spreads it over 64 bits. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return (z ^ (z >>> 31)) & Long.MAX_VALUE;
    }

    /** The node with the highest hash of (node, target); null when there is no node. */
    static String owner(String target, Collection<String> nodes) {
        String best = null;
        long bestScore = -1;
        for (String n : nodes) {
            long score = mix(((long) n.hashCode() << 32) ^ (target.hashCode() & 0xffffffffL));
            if (score > bestScore || (score == bestScore && n.compareTo(best) < 0)) {
                best = n;
                bestScore = score;
            }
        }
        return best;
    }
}
