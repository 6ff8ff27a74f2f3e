package dev.vantage.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gauges of one target. Each update names the complete set of series; series missing from it are removed, so a
 * check that stopped failing or a grade that changed leaves no stale series behind.
 */
final class SeriesSet {

    /** A series: metric name plus its full label set. */
    record Key(String name, Tags tags) {
    }

    private final MeterRegistry registry;
    private final Map<Key, Slot> slots = new HashMap<>();

    SeriesSet(MeterRegistry registry) {
        this.registry = registry;
    }

    synchronized void replaceWith(Map<Key, Double> values) {
        replaceWith(values, null);
    }

    /**
     * As {@link #replaceWith(Map)}, except that when {@code values} holds no series whose name starts with
     * {@code carried}, the present ones of that prefix are kept: figures of a run kind the update did not cover.
     */
    synchronized void replaceWith(Map<Key, Double> values, String carried) {
        boolean keep = carried != null && values.keySet().stream().noneMatch(k -> k.name().startsWith(carried));
        slots.entrySet().removeIf(e -> {
            if (!values.containsKey(e.getKey()) && !(keep && e.getKey().name().startsWith(carried))) {
                registry.remove(e.getValue().gauge);
                return true;
            }
            return false;
        });
        values.forEach((key, value) -> slots.computeIfAbsent(key, this::register).set(value));
    }

    synchronized void clear() {
        slots.values().forEach(s -> registry.remove(s.gauge));
        slots.clear();
    }

    synchronized int size() {
        return slots.size();
    }

    private Slot register(Key key) {
        AtomicLong bits = new AtomicLong();
        Gauge g = Gauge.builder(key.name(), bits, b -> Double.longBitsToDouble(b.get())).tags(key.tags())
                .description(MetricHelp.of(key.name())).strongReference(true).register(registry);
        return new Slot(g, bits);
    }

    private record Slot(Gauge gauge, AtomicLong bits) {
        void set(double v) {
            bits.set(Double.doubleToLongBits(v));
        }
    }
}
