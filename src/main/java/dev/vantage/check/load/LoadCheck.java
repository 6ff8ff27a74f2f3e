package dev.vantage.check.load;

import dev.vantage.check.Area;
import dev.vantage.check.Check;
import dev.vantage.check.Finding;
import dev.vantage.check.Verdict;
import dev.vantage.probe.ProbeKind;
import dev.vantage.probe.SiteEvidence;
import dev.vantage.probe.load.LoadEvidence;
import dev.vantage.probe.load.LoadEvidence.Outcome;
import dev.vantage.probe.load.LoadSettings;

import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code performance.load}: k6-style thresholds on the opt-in load run: the p95 latency under load (from the
 * intended send time) and the error ratio must stay under the configured bounds. A run stopped early because of
 * errors fails hardest; a run cut off by its deadline warns. Not applicable unless a load run was configured.
 */
public final class LoadCheck implements Check {

    @Override
    public java.util.Set<ProbeKind> needs() {
        return java.util.Set.of(ProbeKind.PAGE, ProbeKind.LOAD);
    }

    public static final String WITHIN = "load-within-thresholds";
    public static final String P95_OVER = "load-p95-over-threshold";
    public static final String ERRORS_OVER = "load-errors-over-threshold";
    public static final String STOPPED = "load-stopped-early";
    public static final String DEADLINE = "load-deadline-passed";
    public static final String UNREACHABLE = "load-unreachable";
    public static final String REFUSED = "load-refused";
    public static final String CLOSED_LOOP = "load-closed-loop-benchmark";
    public static final String NOT_CONFIGURED = "load-not-configured";

    private final Function<SiteEvidence, Optional<LoadEvidence>> loadOf;

    /** {@code loadOf} reads the run's load evidence from the site evidence (the lead wires the field). */
    public LoadCheck(Function<SiteEvidence, Optional<LoadEvidence>> loadOf) {
        this.loadOf = loadOf;
    }

    @Override
    public String id() {
        return "performance.load";
    }

    @Override
    public Area area() {
        return Area.PERFORMANCE;
    }

    @Override
    public String title() {
        return "Latency and errors under load";
    }

    @Override
    public Set<String> results() {
        return Set.of(WITHIN, P95_OVER, ERRORS_OVER, STOPPED, DEADLINE, UNREACHABLE, REFUSED, CLOSED_LOOP,
                NOT_CONFIGURED);
    }

    @Override
    public Finding evaluate(SiteEvidence evidence) {
        return evaluate(loadOf.apply(evidence));
    }

    /** The finding for a load run, or for its absence; pure. */
    public Finding evaluate(Optional<LoadEvidence> load) {
        if (load.isEmpty()) {
            return finding(Verdict.NOT_APPLICABLE, NOT_CONFIGURED, "the load run is opt-in and was not configured "
                    + "(load rate and duration, plus ownership verification)", "");
        }
        LoadEvidence e = load.get();
        LoadSettings s = e.settings();
        String observed = LoadSummary.describe(e);
        if (e.outcome() == Outcome.REFUSED) {
            return finding(Verdict.ERROR, REFUSED, "no load was sent: " + e.detail(), "");
        }
        if (e.outcome() == Outcome.UNREACHABLE) {
            return finding(Verdict.ERROR, UNREACHABLE, observed, "");
        }
        if (s.mode() == LoadSettings.Mode.CLOSED) {
            return finding(Verdict.INFO, CLOSED_LOOP, observed + " (closed loop: a benchmark, not graded)", "");
        }
        if (e.outcome() == Outcome.STOPPED_ERRORS) {
            return finding(Verdict.FAIL, STOPPED, observed, "The site failed under " + LoadSummary.rate(s.rate())
                    + " req/s: find the failing component from its logs (5xx, resets, timeouts) and add capacity "
                    + "or fix the bottleneck before the traffic comes.");
        }
        if (e.errorRatio() > s.maxErrorRatio()) {
            return finding(Verdict.FAIL, ERRORS_OVER, observed, "Errors under load exceed the bound of "
                    + LoadSummary.percent(s.maxErrorRatio()) + ": check the server logs for the failing "
                    + "requests and the limits (workers, connections, rate limits) they hit.");
        }
        if (e.latency().p95().compareTo(s.p95Threshold()) > 0) {
            return finding(Verdict.FAIL, P95_OVER, observed, "p95 under load is above "
                    + s.p95Threshold().toMillis() + " ms: profile the slow path at this rate (database, "
                    + "upstream calls, thread pools) or add capacity.");
        }
        if (e.outcome() == Outcome.DEADLINE) {
            return finding(Verdict.WARN, DEADLINE, observed, "The run did not finish within its deadline: "
                    + "answers arrived too slowly to drain; check the thresholds with a shorter run or a lower rate.");
        }
        return finding(Verdict.PASS, WITHIN, observed, "");
    }
}
