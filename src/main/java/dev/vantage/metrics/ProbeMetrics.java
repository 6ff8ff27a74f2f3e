package dev.vantage.metrics;

import dev.vantage.check.Verdict;
import dev.vantage.config.TargetSpec;
import dev.vantage.probe.RunKind;
import dev.vantage.grade.AreaReport;
import dev.vantage.report.Composition;
import dev.vantage.report.EvidenceState;
import dev.vantage.report.Report;
import dev.vantage.grade.ScoredFinding;
import dev.vantage.probe.Phase;
import dev.vantage.report.ProbeSummary;
import dev.vantage.schedule.ResultSink;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Publishes each result as gauges: blackbox_exporter's {@code probe_*} names and meanings, plus {@code vantage_*}
 * grades and check statuses, labelled {@code target}, {@code instance} and the target's own labels. On a single node
 * every result is shown as it comes. In a cluster ({@code node} given) the gauges of a target are shown only when
 * {@link SeriesOwnership} picks this node to export them, from the series stored with the newest result; the latency
 * histogram then counts this node's own probes and carries a {@code node} label, so histograms add up across nodes.
 */
public final class ProbeMetrics implements ResultSink {

    private final MeterRegistry registry;
    private final Optional<String> node;
    private final InfoSeries gradeInfo = new InfoSeries("vantage_grade",
            "Letter grade of the target overall and per checklist area (value always 1)");
    private final InfoSeries tlsInfo = new InfoSeries("probe_tls_version", "Negotiated TLS version (value always 1)");
    private final Map<String, SeriesSet> series = new HashMap<>();
    private final Map<String, TargetSeries> shown = new HashMap<>();
    /** Own labels of every target this node shows or records latency for. */
    private final Map<String, Map<String, String>> labelsOf = new HashMap<>();
    /**
     * How many targets of {@link #labelsOf} carry each label key: its key set is the union of label keys, kept up to
     * date per target so that a result costs O(its own labels), not a walk over every target (issue 10).
     */
    private final Map<String, Integer> keyUse = new HashMap<>();
    /** Prometheus wants one label set per metric name, so every target carries every label key ("" when unset). */
    private Set<String> labelKeys = new TreeSet<>();

    public ProbeMetrics(PrometheusMeterRegistry registry) {
        this(registry, Optional.empty());
    }

    /** @param node the cluster node id, or empty on a single node (see the type's description) */
    public ProbeMetrics(PrometheusMeterRegistry registry, Optional<String> node) {
        this.registry = registry;
        this.node = node;
        registry.getPrometheusRegistry().register(gradeInfo);
        registry.getPrometheusRegistry().register(tlsInfo);
    }

    @Override
    public synchronized void accept(TargetSpec target, Report report) {
        putLabels(target.name(), target.labels());
        if (node.isEmpty()) {
            show(series(target, report));
        } else {
            reconcileLabelKeys();
        }
        recordLatency(base(target.name(), target.url().toString(), target.labels()), report);
    }

    /** Shows (or replaces) the gauges of one target. */
    public synchronized void show(TargetSeries s) {
        shown.put(s.target(), s);
        putLabels(s.target(), s.labels());
        if (!reconcileLabelKeys()) {
            render(s);
        }
    }

    /** Stops showing a target's gauges (another node exports them now); its latency histogram stays. */
    public synchronized void hide(String targetName) {
        shown.remove(targetName);
        SeriesSet s = series.remove(targetName);
        if (s != null) {
            s.clear();
        }
        gradeInfo.remove(targetName);
        tlsInfo.remove(targetName);
    }

    /** The targets whose gauges this node shows. */
    public synchronized Map<String, TargetSeries> shown() {
        return Map.copyOf(shown);
    }

    @Override
    public synchronized void forget(String targetName) {
        hide(targetName);
        countKeys(labelsOf.remove(targetName), -1);
        registry.find(LATENCY).tag("target", targetName).meters().forEach(registry::remove);
    }

    private void putLabels(String target, Map<String, String> labels) {
        countKeys(labelsOf.put(target, labels), -1);
        countKeys(labels, +1);
    }

    private void countKeys(Map<String, String> labels, int delta) {
        if (labels != null) {
            labels.keySet().forEach(k -> keyUse.merge(k, delta, (a, b) -> a + b == 0 ? null : a + b));
        }
    }

    /** Re-renders everything when the union of label keys changed; true when it did. */
    private boolean reconcileLabelKeys() {
        if (keyUse.keySet().equals(labelKeys)) {
            return false;
        }
        labelKeys = new TreeSet<>(keyUse.keySet());
        series.values().forEach(SeriesSet::clear);
        // A histogram's label set cannot change either: start the latency histograms afresh.
        registry.find(LATENCY).meters().forEach(registry::remove);
        shown.values().forEach(this::render);
        return true;
    }

    private Tags base(String target, String instance, Map<String, String> labels) {
        List<Tag> base = new ArrayList<>();
        base.add(Tag.of("target", target));
        base.add(Tag.of("instance", instance));
        labelKeys.forEach(k -> base.add(Tag.of(k, labels.getOrDefault(k, ""))));
        return Tags.of(base);
    }

    /**
     * Idle latency of the recurring probes as Prometheus histograms ({@code vantage_http_latency_seconds}), per
     * phase: connect, tls, processing (time to first byte) and total; p50/p90/p99 over any window come from
     * {@code histogram_quantile}. Only answered probes are recorded: a refused connection has no latency.
     */
    private void recordLatency(Tags target, Report r) {
        Tags tags = node.map(n -> target.and("node", n)).orElse(target);
        ProbeSummary s = r.probe();
        if (s.statusCode() == 0 || s.phases().isEmpty()) {
            return;
        }
        java.time.Duration total = s.phases().values().stream().reduce(java.time.Duration.ZERO,
                java.time.Duration::plus);
        latency(tags, "total").record(total);
        for (Phase phase : List.of(Phase.CONNECT, Phase.TLS, Phase.PROCESSING)) {
            java.time.Duration d = s.phases().get(phase);
            if (d != null) {
                latency(tags, phase.label()).record(d);
            }
        }
    }

    private io.micrometer.core.instrument.Timer latency(Tags tags, String phase) {
        return io.micrometer.core.instrument.Timer.builder(LATENCY)
                .description("Latency of the recurring probes of a target, per phase (idle, not under load)")
                .tags(tags.and("phase", phase))
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry);
    }

    static final String LATENCY = "vantage.http.latency";
    /** Fixed buckets, 5 ms to 10 s: enough resolution for web pages without a series per percentile. */
    private static final java.time.Duration[] LATENCY_BUCKETS = java.util.stream.LongStream
            .of(5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000)
            .mapToObj(java.time.Duration::ofMillis).toArray(java.time.Duration[]::new);

    /** The gauge series of one result, as data (pure: the same on every node). */
    public static TargetSeries series(TargetSpec spec, Report r) {
        Tags tags = Tags.empty();
        Map<SeriesSet.Key, Double> v = new LinkedHashMap<>();
        v.put(key("probe_success", tags), r.unreachable().isEmpty() ? 1.0 : 0.0);
        v.put(key("probe_duration_seconds", tags), r.took().toNanos() / 1e9);
        v.put(key("vantage_last_probe_timestamp_seconds", tags), r.startedAt().toEpochMilli() / 1000.0);
        v.put(key("vantage_grade_score", tags.and("area", "overall")), (double) r.score());
        List<Map<String, String>> grades = new ArrayList<>();
        grades.add(Map.of("area", "overall", "grade", r.grade().letter()));
        for (AreaReport area : r.areas()) {
            if (area.status() == AreaReport.Status.GRADED && area.grade().isPresent() && area.score().isPresent()) {
                v.put(key("vantage_grade_score", tags.and("area", area.area().id())), (double) area.score().get());
                grades.add(Map.of("area", area.area().id(), "grade", area.grade().get().letter()));
            }
        }
        for (ScoredFinding f : r.findings()) {
            int status = status(f.finding().verdict());
            if (status >= 0) {
                v.merge(key("vantage_check_status", tags.and("check", f.finding().checkId(), "area",
                        f.finding().area().id())), (double) status, Math::max);
            }
        }
        summary(r.probe(), tags, v);
        evidence(r, tags, v);
        if (r.load().isPresent()) {
            LoadSeries.put(r.load().get(), tags, v);
        } else {
            // A pulse or an audit: the last load run's figures stay exported (from the section it left).
            r.composition().state(RunKind.LOAD).flatMap(EvidenceState::section).flatMap(ProbeMetrics::tree)
                    .ifPresent(section -> LoadSeries.put(section, tags, v));
        }
        r.browser().ifPresent(b -> BrowserSeries.put(b, tags, v));
        List<TargetSeries.Point> points = new ArrayList<>();
        v.forEach((k, value) -> {
            Map<String, String> extra = new LinkedHashMap<>();
            k.tags().forEach(t -> extra.put(t.getKey(), t.getValue()));
            points.add(new TargetSeries.Point(k.name(), extra, value));
        });
        return new TargetSeries(spec.name(), spec.url().toString(), Map.copyOf(spec.labels()), points, grades,
                r.probe().tlsVersion().orElse(null));
    }

    private void render(TargetSeries s) {
        Tags tags = base(s.target(), s.instance(), s.labels());
        Map<SeriesSet.Key, Double> v = new LinkedHashMap<>();
        s.points().forEach(p -> v.put(key(p.name(), tags.and(Tags.of(p.tags().entrySet().stream()
                .map(e -> Tag.of(e.getKey(), e.getValue())).toList()))), p.value()));
        // A pulse has no browser audit: the last audit's vantage_browser_* gauges stay, so LCP charts over days.
        series.computeIfAbsent(s.target(), n -> new SeriesSet(registry)).replaceWith(v, BrowserSeries.PREFIX);
        gradeInfo.replace(s.target(), s.grades().stream().map(g -> tags.and(Tags.of(g.entrySet().stream()
                .map(e -> Tag.of(e.getKey(), e.getValue())).toList()))).toList());
        tlsInfo.replace(s.target(), s.tls() == null ? List.of() : List.of(tags.and("version", s.tls())));
    }

    private static void summary(ProbeSummary s, Tags tags, Map<SeriesSet.Key, Double> v) {
        v.put(key("probe_http_status_code", tags), (double) s.statusCode());
        v.put(key("probe_http_version", tags), s.httpVersion());
        v.put(key("probe_http_ssl", tags), s.ssl() ? 1.0 : 0.0);
        v.put(key("probe_http_redirects", tags), (double) s.redirects());
        v.put(key("probe_http_content_length", tags), (double) s.contentLength());
        // blackbox always exports all five phases, 0 for phases that did not happen.
        for (Phase phase : Phase.values()) {
            var d = s.phases().get(phase);
            v.put(key("probe_http_duration_seconds", tags.and("phase", phase.label())),
                    d == null ? 0.0 : d.toNanos() / 1e9);
        }
        var resolve = s.phases().get(Phase.RESOLVE);
        v.put(key("probe_dns_lookup_time_seconds", tags), resolve == null ? 0.0 : resolve.toNanos() / 1e9);
        s.earliestCertExpiry().ifPresent(t -> v.put(key("probe_ssl_earliest_cert_expiry", tags),
                t.toEpochMilli() / 1000.0));
    }

    /**
     * When each kind of evidence the report was composed from was taken, and its age as of the report's run (a
     * pulse's report carries a day-old audit: {@code age{kind="audit"}} ≈ 86400). A self-contained report (no
     * composition) took pulse and audit at once.
     */
    private static void evidence(Report r, Tags tags, Map<SeriesSet.Key, Double> v) {
        for (RunKind kind : RunKind.values()) {
            java.util.Optional<java.time.Instant> at = r.composition() == Composition.NONE
                    ? (kind != RunKind.LOAD || r.load().isPresent() ? java.util.Optional.of(r.startedAt())
                    : java.util.Optional.empty())
                    : r.composition().state(kind).map(EvidenceState::takenAt);
            at.ifPresent(t -> {
                Tags k = tags.and("kind", kind.id());
                v.put(key("vantage_evidence_timestamp_seconds", k), t.toEpochMilli() / 1000.0);
                v.put(key("vantage_evidence_age_seconds", k),
                        Math.max(0, java.time.Duration.between(t, r.startedAt()).toMillis() / 1000.0));
            });
        }
    }

    /** 0 pass, 1 warn, 2 fail (error counts as fail: the item could not be shown to be fine); others not exported. */
    static int status(Verdict verdict) {
        return switch (verdict) {
            case PASS -> 0;
            case WARN -> 1;
            case FAIL, ERROR -> 2;
            default -> -1;
        };
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private static java.util.Optional<com.fasterxml.jackson.databind.JsonNode> tree(String json) {
        try {
            return java.util.Optional.of(JSON.readTree(json));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return java.util.Optional.empty();
        }
    }

    private static SeriesSet.Key key(String name, Tags tags) {
        return new SeriesSet.Key(name, tags);
    }
}
