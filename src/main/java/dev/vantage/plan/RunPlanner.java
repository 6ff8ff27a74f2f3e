package dev.vantage.plan;

import dev.vantage.check.Check;
import dev.vantage.check.CheckSelection;
import dev.vantage.config.Schedule;
import dev.vantage.config.Secrets;
import dev.vantage.config.TargetOptions;
import dev.vantage.config.TargetSpec;
import dev.vantage.config.VantageConfig;
import dev.vantage.probe.AddressPolicy;
import dev.vantage.probe.ProbeKind;
import dev.vantage.probe.ProbeOptions;
import dev.vantage.probe.RunKind;
import dev.vantage.probe.RunPlan;
import dev.vantage.probe.load.LoadContext;

import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a target's settings into a {@link RunPlan}: which probes to send (only those an enabled check reads), with
 * which options. The one place for "what does this run send", whether the settings come from the config file, the
 * API or the flags of {@code vantage check} (which build the same {@link TargetSpec}, checked by the same
 * {@code TargetFields} rules).
 */
public final class RunPlanner {

    private final VantageConfig.Probing probing;
    private final Secrets secrets;
    private final List<Check> checks;

    public RunPlanner(VantageConfig.Probing probing, Secrets secrets, List<Check> checks) {
        this.probing = probing;
        this.secrets = secrets;
        this.checks = List.copyOf(checks);
    }

    /**
     * The plan of one run. A load run carries the ownership token (service-mode load is always owner-verified); the
     * idle p95 the slowdown is measured against is history, so it reaches grading through {@code CarriedEvidence},
     * not the plan.
     *
     * @throws RunRefusedException for a load run of a target without a load block
     */
    public RunPlan plan(TargetSpec spec, RunKind kind, Optional<String> token) {
        ProbeOptions options = TargetOptions.of(spec, probing, secrets);
        if (kind == RunKind.LOAD) {
            if (spec.load().isEmpty()) {
                throw new RunRefusedException("target \"" + spec.name() + "\" has no load block, so it has no load "
                        + "run (docs/load.md)");
            }
            options = options.withLoad(spec.load().get()).withLoadContext(token
                    .map(LoadContext::verified).orElse(LoadContext.NONE));
        }
        return new RunPlan(kind, spec.url(), options, probes(kind, new CheckSelection(spec.enable(), spec.disable()),
                checks, spec.load().isPresent()));
    }

    /** A planner for {@code vantage check}: no secrets to resolve; the address policy is the run's own. */
    public static RunPlanner forCommandLine(List<Check> checks) {
        return new RunPlanner(new VantageConfig.Probing(true, true), Secrets.unresolved(), checks);
    }

    /**
     * The plan of one {@code vantage check}: a pulse plus an audit (plus the load run when its flags opted in, sent
     * without an ownership proof because the person running it confirmed it on the command line), every probe some
     * selected check reads; the browser audit only when asked for.
     */
    public RunPlan oneShot(TargetSpec spec, OneShot run) {
        ProbeOptions options = TargetOptions.of(spec, probing, secrets).withAddressPolicy(run.addressPolicy())
                .withMaxBodyBytes(run.maxBodyBytes()).withRateLimit(run.rateLimit().orElse(null))
                .withLoad(spec.load().orElse(null));
        if (run.userAgent().isPresent()) {
            options = options.withUserAgent(run.userAgent().get());
        }
        EnumSet<ProbeKind> probes = EnumSet.of(ProbeKind.PAGE);
        new CheckSelection(spec.enable(), spec.disable()).apply(checks).forEach(c -> probes.addAll(c.needs()));
        if (!run.browser()) {
            probes.remove(ProbeKind.BROWSER);
        }
        return new RunPlan(RunKind.AUDIT, spec.url(), options, probes);
    }

    /**
     * The probes a run of {@code kind} sends: the page always; of the kind's own probes, those some selected check
     * reads. An audit of a target without a load block also plans the (silent) load probe, so the load checks say
     * "not configured" instead of being absent; with a load block the load run has its own cadence.
     */
    public static Set<ProbeKind> probes(RunKind kind, CheckSelection selection, List<Check> checks,
                                        boolean loadConfigured) {
        EnumSet<ProbeKind> out = EnumSet.of(ProbeKind.PAGE);
        for (Check check : selection.apply(checks)) {
            for (ProbeKind p : check.needs()) {
                boolean own = p.sentBy() == kind;
                boolean silentLoad = kind == RunKind.AUDIT && p == ProbeKind.LOAD && !loadConfigured;
                if (own || silentLoad) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    private AddressPolicy serviceAddressPolicy() {
        return new AddressPolicy(probing.allowLoopback(), probing.allowPrivate());
    }

    /** The audit's schedule: the target's own, or every {@code probing.audit-every}. */
    public Schedule auditSchedule(TargetSpec spec) {
        return spec.audit().orElse(Schedule.every(probing.auditEvery()));
    }

    /** The load run's schedule, when the target has a load block: its own {@code every}, else the audit's. */
    public Optional<Schedule> loadSchedule(TargetSpec spec) {
        return spec.load().map(l -> spec.loadEvery().orElse(auditSchedule(spec)));
    }

    /** How often each kind runs (a cron's shortest gap), for the report's staleness warnings. */
    public Map<RunKind, Duration> cadences(TargetSpec spec) {
        Map<RunKind, Duration> out = new EnumMap<>(RunKind.class);
        spec.schedule().shortestGap().ifPresent(d -> out.put(RunKind.PULSE, d));
        auditSchedule(spec).shortestGap().ifPresent(d -> out.put(RunKind.AUDIT, d));
        loadSchedule(spec).flatMap(Schedule::shortestGap).ifPresent(d -> out.put(RunKind.LOAD, d));
        return out;
    }
}
