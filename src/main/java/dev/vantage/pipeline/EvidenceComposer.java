package dev.vantage.pipeline;

import dev.vantage.check.Check;
import dev.vantage.check.CheckSelection;
import dev.vantage.check.Finding;
import dev.vantage.probe.ProbeKind;
import dev.vantage.probe.RunKind;
import dev.vantage.probe.RunPlan;
import dev.vantage.probe.SiteEvidence;
import dev.vantage.report.Composition;
import dev.vantage.report.EvidenceState;
import dev.vantage.report.Report;
import dev.vantage.report.ReportSections;
import dev.vantage.target.Durations;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Composes a report from the newest evidence of each run kind: the fresh run's findings, plus the findings earlier
 * runs of the other kinds left (a pulse carries the last audit's TLS, exposure and CORS findings and the last load
 * run's). Pure: no clock (ages are measured from the fresh run's start), no I/O.
 */
public final class EvidenceComposer {

    /** Evidence older than this many cadences is flagged in the report. */
    static final int STALE_AFTER_CADENCES = 2;

    private EvidenceComposer() {
    }

    /** The run kind whose evidence a check reads: the slowest kind among the probes it needs. */
    public static RunKind kindOf(Check check) {
        RunKind kind = RunKind.PULSE;
        for (ProbeKind p : check.needs()) {
            if (p.sentBy().ordinal() > kind.ordinal()) {
                kind = p.sentBy();
            }
        }
        return kind;
    }

    /** The run kinds a plan covers: the kind of each probe it sends (an audit also refreshes the pulse's facts). */
    public static Set<RunKind> covered(RunPlan plan) {
        EnumSet<RunKind> kinds = EnumSet.noneOf(RunKind.class);
        plan.probes().forEach(p -> kinds.add(p.sentBy()));
        kinds.add(plan.kind());
        if (plan.kind() != RunKind.LOAD && plan.options().load().isEmpty()) {
            // The silent load probe of an audit (no load block: the load checks say "not configured") is not a
            // load run: its findings belong to the audit, and no load evidence is claimed.
            kinds.remove(RunKind.LOAD);
        }
        return kinds;
    }

    /** The selected checks the plan's evidence can answer: everything they need was sent. */
    public static List<Check> answerable(List<Check> selected, RunPlan plan) {
        return selected.stream().filter(c -> plan.probes().containsAll(c.needs())).toList();
    }

    /** Fresh findings first, then carried findings of selected checks whose kind this run did not cover. */
    public static List<Finding> findings(List<Finding> fresh, CarriedEvidence carried, Set<RunKind> covered,
                                         CheckSelection selection) {
        List<Finding> all = new ArrayList<>(fresh);
        Set<String> seen = new HashSet<>();
        fresh.forEach(f -> seen.add(f.checkId()));
        carried.states().forEach((kind, state) -> {
            if (!covered.contains(kind)) {
                state.findings().stream().filter(f -> selection.includes(f.checkId()) && seen.add(f.checkId()))
                        .forEach(all::add);
            }
        });
        return all;
    }

    /** The composition of a graded report: fresh states for the covered kinds, carried ones for the rest. */
    public static Composition composition(Report graded, SiteEvidence evidence, List<Check> checks,
                                          List<Finding> fresh, CarriedEvidence carried, Set<RunKind> covered) {
        Map<RunKind, EvidenceState> states = new EnumMap<>(RunKind.class);
        states.putAll(carried.states());
        Instant at = evidence.startedAt();
        Map<String, RunKind> kinds = new java.util.HashMap<>();
        checks.forEach(c -> kinds.put(c.id(), kindOf(c)));
        for (RunKind kind : covered) {
            // A finding of a kind the run does not cover (the silent load probe's) is kept with the run's own kind.
            List<Finding> mine = fresh.stream().filter(f -> {
                RunKind k = kinds.getOrDefault(f.checkId(), RunKind.PULSE);
                return (covered.contains(k) ? k : plan(covered)) == kind;
            }).toList();
            Optional<String> section = switch (kind) {
                case AUDIT -> graded.tls().map(ReportSections::tls);
                case LOAD -> graded.load().map(ReportSections::load);
                case PULSE -> Optional.empty();
            };
            Optional<String> watch = kind == RunKind.PULSE && evidence.finalPage().answered()
                    ? Optional.of(ChangeWatch.of(evidence)) : Optional.empty();
            states.put(kind, new EvidenceState(kind, at, mine, section, watch));
        }
        return new Composition(states, covered.stream().sorted().toList(), warnings(states, carried, at));
    }

    /** The slowest kind a run covers: where findings of kinds it does not cover are kept. */
    private static RunKind plan(Set<RunKind> covered) {
        return covered.contains(RunKind.LOAD) ? RunKind.LOAD : covered.contains(RunKind.AUDIT) ? RunKind.AUDIT
                : RunKind.PULSE;
    }

    /** A slow kind that is scheduled but never ran, or ran longer ago than twice its cadence, is said plainly. */
    static List<String> warnings(Map<RunKind, EvidenceState> states, CarriedEvidence carried, Instant now) {
        List<String> out = new ArrayList<>();
        for (RunKind kind : List.of(RunKind.AUDIT, RunKind.LOAD)) {
            Optional<Duration> cadence = carried.cadence(kind);
            if (cadence.isEmpty()) {
                continue;
            }
            EvidenceState state = states.get(kind);
            if (state == null) {
                out.add("no " + kind.id() + " has completed yet: the checks it feeds are not graded in this report");
                continue;
            }
            Duration age = Duration.between(state.takenAt(), now);
            if (age.compareTo(cadence.get().multipliedBy(STALE_AFTER_CADENCES)) > 0) {
                out.add("the newest " + kind.id() + " is " + Durations.format(age.withNanos(0)) + " old, more than "
                        + STALE_AFTER_CADENCES + " times its cadence of " + Durations.format(cadence.get())
                        + ": its findings may be out of date (did the " + kind.id() + " fail, or was the service down?)");
            }
        }
        return out;
    }
}
