package dev.vantage.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vantage.probe.load.LoadEvidence;
import dev.vantage.probe.load.LoadSettings;

import java.time.Duration;
import java.util.Optional;

/** The {@code load} and {@code idleLatency} sections of the JSON report (docs/report-format.md). */
final class LoadJson {

    private LoadJson() {
    }

    static void load(ObjectNode node, LoadEvidence e) {
        LoadSettings s = e.settings();
        node.put("target", e.target().toString());
        node.put("outcome", JsonReportRenderer.enumId(e.outcome()));
        node.put("detail", e.detail());
        node.put("startedAt", e.startedAt().toString());
        node.put("mode", JsonReportRenderer.enumId(s.mode()));
        s.paths().forEach(node.putArray("paths")::add);
        node.put("requestedRate", s.rate());
        node.put("durationMs", s.duration().toMillis());
        node.put("warmupMs", s.warmup().toMillis());
        node.put("connections", s.connections());
        if (e.verifiedBy() == dev.vantage.probe.load.Ownership.Method.NONE) {
            node.putNull("ownershipVerifiedBy");
        } else {
            node.put("ownershipVerifiedBy", e.verifiedBy().label());
        }
        node.put("measuredMs", millis(e.measured()));
        node.put("sent", e.sent());
        node.put("answered", e.answered());
        node.put("achievedRate", round(e.achievedRate()));
        node.put("throughput", round(e.throughput()));
        ObjectNode errors = node.putObject("errors");
        e.errors().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .forEach(x -> errors.put(x.getKey().label(), x.getValue()));
        node.put("errorRatio", e.errorRatio());
        LoadEvidence.LatencySummary l = e.latency();
        ObjectNode latency = node.putObject("latencyMs");
        latency.put("count", l.count());
        latency.put("p50", millis(l.p50()));
        latency.put("p90", millis(l.p90()));
        latency.put("p95", millis(l.p95()));
        latency.put("p99", millis(l.p99()));
        latency.put("p999", millis(l.p999()));
        latency.put("max", millis(l.max()));
        latency.put("mean", millis(l.mean()));
        node.put("sendLagP99Ms", millis(e.sendLag()));
        optionalMillis(node, "idleP95Ms", e.idleP95());
        Optional<Double> degradation = e.degradation();
        if (degradation.isPresent()) {
            node.put("degradation", round(degradation.get()));
        } else {
            node.putNull("degradation");
        }
        ObjectNode thresholds = node.putObject("thresholds");
        thresholds.put("p95Ms", millis(s.p95Threshold()));
        thresholds.put("maxErrorRatio", s.maxErrorRatio());
    }

    static void idle(ObjectNode node, IdleLatency idle) {
        node.put("windowSeconds", idle.window().toSeconds());
        node.put("samples", idle.samples());
        ObjectNode phases = node.putObject("phasesMs");
        idle.phases().forEach((phase, p) -> {
            ObjectNode pn = phases.putObject(phase);
            pn.put("p50", millis(p.p50()));
            pn.put("p90", millis(p.p90()));
            pn.put("p95", millis(p.p95()));
            pn.put("p99", millis(p.p99()));
        });
    }

    private static void optionalMillis(ObjectNode node, String key, Optional<Duration> value) {
        if (value.isPresent()) {
            node.put(key, millis(value.get()));
        } else {
            node.putNull(key);
        }
    }

    /** Milliseconds with microsecond resolution: load latencies on fast sites are well under 1 ms. */
    private static double millis(Duration d) {
        return Math.round(d.toNanos() / 1_000.0) / 1_000.0;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
