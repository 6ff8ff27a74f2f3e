package dev.vantage.incident;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code vantage_uptime_ratio{target,window}}, {@code vantage_slo_objective_ratio{target}},
 * {@code vantage_error_budget_remaining_ratio{target}} and {@code vantage_incidents_open{target}}: the gauges of
 * the incident side, kept apart from the probe metrics.
 */
public final class UptimeMetrics {

    static final String UPTIME = "vantage_uptime_ratio";
    static final String OBJECTIVE = "vantage_slo_objective_ratio";
    static final String BUDGET = "vantage_error_budget_remaining_ratio";
    static final String OPEN = "vantage_incidents_open";
    private static final Map<String, String> HELP = Map.of(
            UPTIME, "Share of successful pulses over the window, maintenance excluded",
            OBJECTIVE, "Availability objective of the target (slo: 99.9 is 0.999)",
            BUDGET, "Share of the 30-day error budget left (below 0: overspent)",
            OPEN, "Incidents of the target that are open");

    private final MeterRegistry registry;
    private final Map<String, Map<Tags, AtomicLong>> values = new HashMap<>();

    public UptimeMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public synchronized void publish(String target, Uptime uptime, int openIncidents) {
        for (Uptime.Window w : uptime.windows()) {
            w.ratio().ifPresent(r -> set(UPTIME, Tags.of("target", target, "window", w.label()), r));
        }
        uptime.slo().ifPresent(slo -> set(OBJECTIVE, Tags.of("target", target), slo / 100));
        uptime.budgetLeft().ifPresent(b -> set(BUDGET, Tags.of("target", target), b));
        set(OPEN, Tags.of("target", target), openIncidents);
    }

    /** The target was deleted: its series go. */
    public synchronized void forget(String target) {
        values.values().forEach(m -> m.keySet().removeIf(t -> t.stream().anyMatch(tag -> tag.getKey().equals("target")
                && tag.getValue().equals(target))));
        for (String name : HELP.keySet()) {
            registry.find(name).tag("target", target).meters().forEach(registry::remove);
        }
    }

    private void set(String name, Tags tags, double value) {
        values.computeIfAbsent(name, n -> new HashMap<>()).computeIfAbsent(tags, t -> {
            AtomicLong bits = new AtomicLong();
            Gauge.builder(name, bits, b -> Double.longBitsToDouble(b.get())).tags(t).description(HELP.get(name))
                    .strongReference(true).register(registry);
            return bits;
        }).set(Double.doubleToLongBits(value));
    }

    /** For tests: the value of a series, if registered. */
    synchronized java.util.Optional<Double> value(String name, Tags tags) {
        return java.util.Optional.ofNullable(registry.find(name).tags(tags).gauge()).map(Meter::measure)
                .map(m -> m.iterator().next().getValue());
    }
}
