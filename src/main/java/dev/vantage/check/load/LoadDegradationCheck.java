package dev.vantage.check.load;

import dev.vantage.check.Area;
import dev.vantage.check.Check;
import dev.vantage.check.Finding;
import dev.vantage.check.Verdict;
import dev.vantage.probe.Phase;
import dev.vantage.probe.PhaseTimings;
import dev.vantage.probe.ProbeKind;
import dev.vantage.probe.SiteEvidence;
import dev.vantage.probe.load.LoadEvidence;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code performance.load-degradation}: how much slower the page gets under load, as p95 under load over p95
 * idle. The idle p95 comes from the load evidence when the caller knows it (service mode keeps idle
 * percentiles); otherwise from the one idle page exchange of this run, counting only processing and transfer
 * (load requests reuse connections, so connect and TLS would flatter the ratio). A loaded p95 under
 * {@value #FLOOR_MILLIS} ms passes whatever the ratio: 1 ms becoming 3 ms harms nobody.
 */
public final class LoadDegradationCheck implements Check {

    @Override
    public java.util.Set<ProbeKind> needs() {
        return java.util.Set.of(ProbeKind.PAGE, ProbeKind.LOAD);
    }

    public static final String LOW = "load-degradation-low";
    public static final String MODERATE = "load-degradation-moderate";
    public static final String SEVERE = "load-degradation-severe";
    public static final String NOT_MEASURED = "load-degradation-not-measured";
    static final long FLOOR_MILLIS = 50;
    static final double MODERATE_RATIO = 2;
    static final double SEVERE_RATIO = 5;

    private final Function<SiteEvidence, Optional<LoadEvidence>> loadOf;

    public LoadDegradationCheck(Function<SiteEvidence, Optional<LoadEvidence>> loadOf) {
        this.loadOf = loadOf;
    }

    @Override
    public String id() {
        return "performance.load-degradation";
    }

    @Override
    public Area area() {
        return Area.PERFORMANCE;
    }

    @Override
    public String title() {
        return "Slowdown under load";
    }

    @Override
    public Set<String> results() {
        return Set.of(LOW, MODERATE, SEVERE, NOT_MEASURED);
    }

    @Override
    public Finding evaluate(SiteEvidence evidence) {
        Optional<LoadEvidence> load = loadOf.apply(evidence);
        return evaluate(load, load.flatMap(LoadEvidence::idleP95).or(() -> idleFromPage(evidence.finalPage()
                .timings())));
    }

    /** The finding from a load run and an idle p95; pure. */
    public Finding evaluate(Optional<LoadEvidence> load, Optional<Duration> idle) {
        if (load.isEmpty() || load.get().latency().count() == 0
                || load.get().settings().mode() != dev.vantage.probe.load.LoadSettings.Mode.OPEN) {
            return finding(Verdict.NOT_APPLICABLE, NOT_MEASURED, "no open-model load run with answers to compare",
                    "");
        }
        if (idle.isEmpty() || idle.get().toNanos() <= 0) {
            return finding(Verdict.NOT_APPLICABLE, NOT_MEASURED, "the idle latency of the page is not known", "");
        }
        Duration loaded = load.get().latency().p95();
        double ratio = loaded.toNanos() / (double) idle.get().toNanos();
        String observed = String.format(Locale.ROOT, "p95 %s under %s req/s vs %s idle: %.1fx", LoadSummary.ms(loaded),
                LoadSummary.rate(load.get().settings().rate()), LoadSummary.ms(idle.get()), ratio);
        if (loaded.toMillis() < FLOOR_MILLIS || ratio <= MODERATE_RATIO) {
            return finding(Verdict.PASS, LOW, observed, "");
        }
        String fix = "Latency grows with load: look for a saturated resource (worker pool, database connections, "
                + "CPU) at this rate and add capacity or caching before real traffic reaches it.";
        return ratio > SEVERE_RATIO ? finding(Verdict.FAIL, SEVERE, observed, fix)
                : finding(Verdict.WARN, MODERATE, observed, fix);
    }

    /** Processing plus transfer of the idle page exchange: what a request on a kept-alive connection costs. */
    static Optional<Duration> idleFromPage(PhaseTimings timings) {
        Optional<Duration> processing = timings.of(Phase.PROCESSING);
        return processing.map(p -> p.plus(timings.of(Phase.TRANSFER).orElse(Duration.ZERO)));
    }
}
