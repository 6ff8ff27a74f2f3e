package dev.vantage.incident;

import dev.vantage.check.Verdict;
import dev.vantage.grade.Grade;
import dev.vantage.grade.ScoredFinding;
import dev.vantage.probe.RunKind;
import dev.vantage.report.Report;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What one report tells the incident state machine, without the rest of the report.
 *
 * @param pulse         the report comes from a pulse (only pulses count towards up and down)
 * @param audit         the report comes from an audit
 * @param failure       why the pulse failed (no answer, or an error status); empty when the page answered below 400
 * @param failingChecks check id → what was observed, for every failing check
 * @param auditOverdue  the report's warning that no audit completed within twice its cadence
 */
public record Observation(Instant at, boolean pulse, boolean audit, Optional<String> failure, Grade grade,
                          Map<String, String> failingChecks, Optional<Instant> certExpiry,
                          Optional<String> auditOverdue) {

    public Observation {
        failingChecks = java.util.Collections.unmodifiableMap(new TreeMap<>(failingChecks));
    }

    /**
     * Why the page failed: no answer at all, or an error status. A site answering 500 is down for its users (and
     * for blackbox's {@code probe_success}); its error page says nothing about the headers or checks of the site.
     */
    static Optional<String> failure(Report report) {
        if (report.unreachable().isPresent()) {
            return report.unreachable().map(u -> u.describe());
        }
        int status = report.probe().statusCode();
        return status >= 400 ? Optional.of("the page answered HTTP " + status) : Optional.empty();
    }

    public boolean reachable() {
        return failure.isEmpty();
    }

    public static Observation of(Report report) {
        List<RunKind> fresh = report.composition().fresh();
        // A self-contained run (the one-shot check) is a pulse and an audit at once.
        boolean selfContained = fresh.isEmpty();
        Map<String, String> failing = new TreeMap<>();
        for (ScoredFinding f : report.findings()) {
            if (f.finding().verdict() == Verdict.FAIL) {
                failing.putIfAbsent(f.finding().checkId(), f.finding().observed());
            }
        }
        // EvidenceComposer's wording for an audit older than twice its cadence ("never completed" is normal at start).
        Optional<String> overdue = report.composition().warnings().stream()
                .filter(w -> w.startsWith("the newest audit ")).findFirst();
        // An audit or load run sends the page too (its fresh kinds include PULSE), but only pulses count up/down.
        boolean pulseRun = fresh.contains(RunKind.PULSE) && !fresh.contains(RunKind.AUDIT)
                && !fresh.contains(RunKind.LOAD);
        return new Observation(report.startedAt(), selfContained || pulseRun,
                selfContained || fresh.contains(RunKind.AUDIT), failure(report),
                report.grade(), failing, report.probe().earliestCertExpiry(), overdue);
    }
}
