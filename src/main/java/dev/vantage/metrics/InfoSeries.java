package dev.vantage.metrics;

import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An info metric ({@code name_info{labels} 1}). Micrometer strips the {@code _info} suffix from gauge names, so
 * these are collected straight into the Prometheus registry as info snapshots, which keep it.
 */
final class InfoSeries implements Collector {

    private final String baseName;
    private final String help;
    private final Map<String, List<Tags>> byTarget = new ConcurrentHashMap<>();

    /** @param baseName the name without {@code _info}, which the exposition format appends */
    InfoSeries(String baseName, String help) {
        this.baseName = baseName;
        this.help = help;
    }

    void replace(String target, List<Tags> series) {
        if (series.isEmpty()) {
            byTarget.remove(target);
        } else {
            byTarget.put(target, List.copyOf(series));
        }
    }

    void remove(String target) {
        byTarget.remove(target);
    }

    @Override
    public MetricSnapshot collect() {
        InfoSnapshot.Builder b = InfoSnapshot.builder().name(baseName).help(help);
        byTarget.values().forEach(list -> list.forEach(tags -> {
            Labels.Builder labels = Labels.builder();
            for (Tag t : tags) {
                labels.label(t.getKey(), t.getValue());
            }
            b.dataPoint(InfoSnapshot.InfoDataPointSnapshot.builder().labels(labels.build()).build());
        }));
        return b.build();
    }

    @Override
    public String getPrometheusName() {
        return baseName;
    }
}
