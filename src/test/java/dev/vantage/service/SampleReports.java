package dev.vantage.service;

import dev.vantage.check.Area;
import dev.vantage.check.Finding;
import dev.vantage.check.Verdict;
import dev.vantage.grade.Grade;
import dev.vantage.probe.FailureKind;
import dev.vantage.probe.ProbeFailure;
import dev.vantage.grade.AreaReport;
import dev.vantage.report.Report;
import dev.vantage.grade.ScoredFinding;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Hand-built real reports for the service tests: a graded one with findings and areas, and an unreachable one. */
public final class SampleReports {

    private SampleReports() {
    }

    public static Report graded(URI target, Instant at, Grade grade, int score) {
        List<ScoredFinding> findings = List.of(
                new ScoredFinding(new Finding("security.hsts", Area.SECURITY, "HSTS", Verdict.PASS, "hsts-ok",
                        "max-age=63072000", ""), 0),
                new ScoredFinding(new Finding("security.csp", Area.SECURITY, "Content-Security-Policy", Verdict.WARN,
                        "csp-unsafe-inline", "script-src 'unsafe-inline'", "Remove 'unsafe-inline'."), -10),
                new ScoredFinding(new Finding("reliability.not-found", Area.RELIABILITY, "404 for unknown paths",
                        Verdict.FAIL, "not-found-200", "GET /vantage-404 -> 200", "Answer 404."), -5));
        List<AreaReport> areas = List.of(
                new AreaReport(Area.SECURITY, AreaReport.Status.GRADED, Optional.of(grade), Optional.of(score)),
                new AreaReport(Area.RELIABILITY, AreaReport.Status.GRADED, Optional.of(Grade.C), Optional.of(50)),
                new AreaReport(Area.DATA_AND_RECOVERY, AreaReport.Status.NOT_GRADED_FROM_OUTSIDE, Optional.empty(),
                        Optional.empty()));
        return new Report(target, at, Duration.ofMillis(123), grade, score, "test-1", areas, findings, List.of(),
                Optional.empty());
    }

    public static Report unreachable(URI target, Instant at) {
        return new Report(target, at, Duration.ofMillis(7), Grade.F, 0, "test-1", List.of(), List.of(), List.of(),
                Optional.of(new ProbeFailure(FailureKind.REFUSED, "connection refused")));
    }

    /** The same report with transport facts, as the real pipeline produces them. */
    public static Report withProbe(Report r, dev.vantage.report.ProbeSummary probe) {
        return new Report(r.target(), r.startedAt(), r.took(), r.grade(), r.score(), r.scoringVersion(), r.areas(),
                r.findings(), r.capsApplied(), r.unreachable(), probe, r.tls(), r.load(), r.idleLatency());
    }

    /** A small JSON stand-in for the real renderer. */
    public static String json(Report r) {
        return "{\"target\":\"" + r.target() + "\",\"grade\":\"" + r.grade().letter() + "\",\"score\":" + r.score()
                + "}";
    }
}
