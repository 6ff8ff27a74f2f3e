package dev.vantage.report;

import dev.vantage.grade.ScoredFinding;
import dev.vantage.grade.AreaReport;
import dev.vantage.check.Area;
import dev.vantage.check.Finding;
import dev.vantage.check.Verdict;
import dev.vantage.grade.Grade;
import dev.vantage.probe.FailureKind;
import dev.vantage.probe.ProbeFailure;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Hand-built reports for renderer tests, independent of the grader. */
final class SampleReports {

    static final URI TARGET = URI.create("https://site.test:8443/app");
    static final Instant STARTED = Instant.parse("2026-11-25T12:00:00.250Z");

    /** Text a hostile server could put in a header value. */
    static final String HOSTILE = "<script>alert(\"x\")</script> & 'q' ]]> \u001B[31mred\u0000\u0007 \u202Eevil";

    private SampleReports() {
    }

    static ScoredFinding scored(String id, Area area, Verdict verdict, String result, int modifier, String observed,
                                String remediation) {
        return new ScoredFinding(new Finding(id, area, "Title of " + id, verdict, result, observed, remediation),
                modifier);
    }

    static List<AreaReport> areas() {
        List<AreaReport> areas = new ArrayList<>();
        for (Area a : Area.values()) {
            if (!a.observableFromOutside()) {
                areas.add(new AreaReport(a, AreaReport.Status.NOT_GRADED_FROM_OUTSIDE, Optional.empty(),
                        Optional.empty()));
            } else if (a == Area.SECURITY) {
                areas.add(new AreaReport(a, AreaReport.Status.GRADED, Optional.of(Grade.C), Optional.of(55)));
            } else if (a == Area.RELIABILITY) {
                areas.add(new AreaReport(a, AreaReport.Status.GRADED, Optional.of(Grade.A_PLUS), Optional.of(105)));
            } else {
                areas.add(new AreaReport(a, AreaReport.Status.NOT_MEASURED, Optional.empty(), Optional.empty()));
            }
        }
        return areas;
    }

    /** A report with one finding of every verdict, worst first as the grader sorts them. */
    static Report mixed() {
        List<ScoredFinding> findings = List.of(
                scored("security.csp", Area.SECURITY, Verdict.FAIL, "csp-not-implemented", -25,
                        "no Content-Security-Policy header on https://site.test:8443/app",
                        "Send a Content-Security-Policy with default-src 'none' and allow what the page needs."),
                scored("security.hsts", Area.SECURITY, Verdict.FAIL, "hsts-not-implemented", -20,
                        "no Strict-Transport-Security header", "Send Strict-Transport-Security: max-age=63072000."),
                scored("security.cors", Area.SECURITY, Verdict.ERROR, "cors-probe-failed", 0,
                        "the CORS probe timed out", "Check that the page answers requests with an Origin header."),
                scored("security.referrer-policy", Area.SECURITY, Verdict.WARN, "referrer-policy-unsafe", -5,
                        "Referrer-Policy: unsafe-url", "Use strict-origin-when-cross-origin or stricter."),
                scored("security.x-content-type-options", Area.SECURITY, Verdict.PASS, "xcto-nosniff", 0,
                        "X-Content-Type-Options: nosniff", ""),
                scored("reliability.trace", Area.RELIABILITY, Verdict.PASS, "trace-disabled", 5,
                        "TRACE answered 405", ""),
                scored("performance.compression", Area.PERFORMANCE, Verdict.INFO, "compression-gzip", 0,
                        "Content-Encoding: gzip", ""),
                scored("security.cookies", Area.SECURITY, Verdict.NOT_APPLICABLE, "cookies-none", 0,
                        "no cookies set", ""));
        return new Report(TARGET, STARTED, Duration.ofMillis(1234), Grade.C, 55, "2026.1", areas(), findings,
                List.of("security.certificate: certificate expired caps the grade at C"), Optional.empty());
    }

    /** The example shown in docs/report-format.md; the docs test renders it and compares. */
    static Report documented() {
        List<AreaReport> areas = new ArrayList<>();
        for (Area a : Area.values()) {
            if (!a.observableFromOutside()) {
                areas.add(new AreaReport(a, AreaReport.Status.NOT_GRADED_FROM_OUTSIDE, Optional.empty(),
                        Optional.empty()));
            } else if (a == Area.SECURITY) {
                areas.add(new AreaReport(a, AreaReport.Status.GRADED, Optional.of(Grade.B), Optional.of(75)));
            } else {
                areas.add(new AreaReport(a, AreaReport.Status.NOT_MEASURED, Optional.empty(), Optional.empty()));
            }
        }
        List<ScoredFinding> findings = List.of(
                new ScoredFinding(new Finding("security.hsts", Area.SECURITY, "Strict-Transport-Security",
                        Verdict.FAIL, "hsts-not-implemented",
                        "no Strict-Transport-Security header on https://app.example.com/",
                        "Send Strict-Transport-Security: max-age=63072000; includeSubDomains on every HTTPS response."),
                        -20),
                new ScoredFinding(new Finding("security.referrer-policy", Area.SECURITY, "Referrer-Policy",
                        Verdict.WARN, "referrer-policy-unsafe", "Referrer-Policy: no-referrer-when-downgrade",
                        "Use Referrer-Policy: strict-origin-when-cross-origin (or stricter)."), -5),
                new ScoredFinding(new Finding("security.x-content-type-options", Area.SECURITY,
                        "X-Content-Type-Options", Verdict.PASS, "x-content-type-options-nosniff",
                        "X-Content-Type-Options: nosniff", ""), 0));
        return new Report(URI.create("https://app.example.com/"), Instant.parse("2026-11-25T09:30:00.125Z"),
                Duration.ofMillis(842), Grade.B, 75, "1", areas, findings, List.of(), Optional.empty(),
                new ProbeSummary(200, 1.1, true, java.util.Map.of(
                        dev.vantage.probe.Phase.RESOLVE, Duration.ofMillis(12),
                        dev.vantage.probe.Phase.CONNECT, Duration.ofMillis(21),
                        dev.vantage.probe.Phase.TLS, Duration.ofMillis(48),
                        dev.vantage.probe.Phase.PROCESSING, Duration.ofMillis(95),
                        dev.vantage.probe.Phase.TRANSFER, Duration.ofMillis(4)), 1, 5120,
                        Optional.of(Instant.parse("2027-02-01T00:00:00Z")), Optional.of("TLS 1.3")),
                Optional.empty(), Optional.of(documentedLoad()), Optional.of(documentedIdle()))
                .withDatasets(List.of(new dev.vantage.dataset.DatasetInfo("vulnerabilities",
                        "bundled retire.js jsrepository.json (github.com/RetireJS/retire.js at fd8df0d, Apache-2.0)",
                        java.time.LocalDate.of(2026, 8, 22))));
    }

    /** A service-mode load run: 50 req/s for 10 s after a 2 s warm-up, one 503 among 500 requests. */
    static dev.vantage.probe.load.LoadEvidence documentedLoad() {
        var settings = dev.vantage.probe.load.LoadSettings.of(50, Duration.ofSeconds(10))
                .withWarmup(Duration.ofSeconds(2)).withConnections(8).withPaths(List.of("/login"));
        var latency = new dev.vantage.probe.load.LoadEvidence.LatencySummary(500, Duration.ofNanos(41_250_000),
                Duration.ofNanos(77_800_000), Duration.ofNanos(96_100_000), Duration.ofNanos(180_400_000),
                Duration.ofNanos(250_900_000), Duration.ofNanos(251_100_000), Duration.ofNanos(48_600_000));
        return new dev.vantage.probe.load.LoadEvidence(URI.create("https://app.example.com"), settings,
                Instant.parse("2026-11-25T09:30:00.900Z"), dev.vantage.probe.load.LoadEvidence.Outcome.COMPLETED, "",
                Duration.ofMillis(10_030), 500, 500, java.util.Map.of(
                        dev.vantage.probe.load.LoadEvidence.ErrorKind.STATUS_5XX, 1L), latency, 50.0, 49.85,
                Duration.ofNanos(1_200_000), Optional.of(Duration.ofMillis(62)),
                dev.vantage.probe.load.Ownership.Method.WELL_KNOWN_FILE);
    }

    /** Twelve idle probes in the last hour. */
    static IdleLatency documentedIdle() {
        java.util.Map<String, IdleLatency.Percentiles> phases = new java.util.LinkedHashMap<>();
        phases.put(IdleLatency.CONNECT, new IdleLatency.Percentiles(Duration.ofMillis(20), Duration.ofMillis(24),
                Duration.ofMillis(25), Duration.ofMillis(31)));
        phases.put(IdleLatency.TLS, new IdleLatency.Percentiles(Duration.ofMillis(46), Duration.ofMillis(52),
                Duration.ofMillis(55), Duration.ofMillis(60)));
        phases.put(IdleLatency.PROCESSING, new IdleLatency.Percentiles(Duration.ofMillis(44), Duration.ofMillis(58),
                Duration.ofMillis(60), Duration.ofMillis(95)));
        phases.put(IdleLatency.REQUEST, new IdleLatency.Percentiles(Duration.ofMillis(47), Duration.ofMillis(61),
                Duration.ofMillis(62), Duration.ofMillis(99)));
        phases.put(IdleLatency.TOTAL, new IdleLatency.Percentiles(Duration.ofMillis(131), Duration.ofMillis(150),
                Duration.ofMillis(158), Duration.ofMillis(180)));
        return new IdleLatency(Duration.ofHours(1), 12, phases);
    }

    static Report withFindings(List<ScoredFinding> findings) {
        return new Report(TARGET, STARTED, Duration.ofMillis(87), Grade.B, 70, "2026.1", areas(), findings, List.of(),
                Optional.empty());
    }

    static Report unreachable() {
        return new Report(TARGET, STARTED, Duration.ofMillis(10_000), Grade.F, 0, "2026.1", areas(), List.of(),
                List.of(), Optional.of(new ProbeFailure(FailureKind.TLS_HANDSHAKE,
                "handshake failed with site.test:8443: received fatal alert: protocol_version")));
    }
}
