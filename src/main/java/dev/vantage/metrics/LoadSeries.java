package dev.vantage.metrics;

import dev.vantage.probe.load.LoadEvidence;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Tags;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The {@code vantage_load_*} gauges of a target's last load run (docs/metrics.md). A load run is a measurement
 * made now and then, not a stream of events, so its figures are gauges of the last run rather than histograms:
 * the percentiles come from the run's own HdrHistogram, exact, and are not re-bucketed.
 */
final class LoadSeries {

    /**
     * Percentile label values. Not the {@code quantile} label of Prometheus summaries: these are gauges of one
     * finished run, and promtool rightly flags a {@code quantile} label on anything but a summary.
     */
    private static final List<String> PERCENTILES = List.of("p50", "p90", "p95", "p99", "p99.9", "max");

    private LoadSeries() {
    }

    static void put(LoadEvidence e, Tags tags, Map<SeriesSet.Key, Double> v) {
        v.put(key("vantage_load_last_run_timestamp_seconds", tags), e.startedAt().toEpochMilli() / 1000.0);
        for (LoadEvidence.Outcome outcome : LoadEvidence.Outcome.values()) {
            v.put(key("vantage_load_outcome", tags.and("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT)
                    .replace('_', '-'))), outcome == e.outcome() ? 1.0 : 0.0);
        }
        v.put(key("vantage_load_requested_rate", tags), e.settings().rate());
        if (e.outcome() == LoadEvidence.Outcome.REFUSED) {
            return; // nothing was sent: no figure would mean anything
        }
        v.put(key("vantage_load_achieved_rate", tags), e.achievedRate());
        v.put(key("vantage_load_requests", tags), (double) e.sent());
        v.put(key("vantage_load_error_ratio", tags), e.errorRatio());
        for (LoadEvidence.ErrorKind kind : LoadEvidence.ErrorKind.values()) {
            v.put(key("vantage_load_errors", tags.and("kind", kind.label())),
                    (double) e.errors().getOrDefault(kind, 0L));
        }
        LoadEvidence.LatencySummary l = e.latency();
        if (l.count() > 0) {
            List<Duration> values = List.of(l.p50(), l.p90(), l.p95(), l.p99(), l.p999(), l.max());
            for (int i = 0; i < PERCENTILES.size(); i++) {
                v.put(key("vantage_load_latency_seconds", tags.and("percentile", PERCENTILES.get(i))),
                        values.get(i).toNanos() / 1e9);
            }
        }
        e.degradation().ifPresent(d -> v.put(key("vantage_load_degradation_ratio", tags), d));
    }

    /**
     * The same gauges from the load section an earlier load run left in a composed report (the JSON of
     * {@code report/LoadJson}): a pulse's report carries the last load run's section, and its series must not vanish
     * between load runs. Figures absent from the section are left out; the precision is the section's (µs).
     */
    static void put(JsonNode section, Tags tags, Map<SeriesSet.Key, Double> v) {
        if (!section.isObject()) {
            return;
        }
        java.time.Instant at = java.time.Instant.parse(section.path("startedAt").asText("1970-01-01T00:00:00Z"));
        v.put(key("vantage_load_last_run_timestamp_seconds", tags), at.toEpochMilli() / 1000.0);
        String outcome = section.path("outcome").asText();
        for (LoadEvidence.Outcome o : LoadEvidence.Outcome.values()) {
            String id = o.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
            v.put(key("vantage_load_outcome", tags.and("outcome", id)), id.equals(outcome) ? 1.0 : 0.0);
        }
        v.put(key("vantage_load_requested_rate", tags), section.path("requestedRate").asDouble());
        if ("refused".equals(outcome)) {
            return;
        }
        v.put(key("vantage_load_achieved_rate", tags), section.path("achievedRate").asDouble());
        v.put(key("vantage_load_requests", tags), section.path("sent").asDouble());
        v.put(key("vantage_load_error_ratio", tags), section.path("errorRatio").asDouble());
        for (LoadEvidence.ErrorKind kind : LoadEvidence.ErrorKind.values()) {
            v.put(key("vantage_load_errors", tags.and("kind", kind.label())),
                    section.path("errors").path(kind.label()).asDouble(0));
        }
        JsonNode l = section.path("latencyMs");
        if (l.path("count").asLong() > 0) {
            List<String> fields = List.of("p50", "p90", "p95", "p99", "p999", "max");
            for (int i = 0; i < PERCENTILES.size(); i++) {
                v.put(key("vantage_load_latency_seconds", tags.and("percentile", PERCENTILES.get(i))),
                        l.path(fields.get(i)).asDouble() / 1000.0);
            }
        }
        if (section.path("degradation").isNumber()) {
            v.put(key("vantage_load_degradation_ratio", tags), section.path("degradation").asDouble());
        }
    }

    private static SeriesSet.Key key(String name, Tags tags) {
        return new SeriesSet.Key(name, tags);
    }
}
