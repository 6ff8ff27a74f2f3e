package dev.vantage.probe;

import java.net.URI;
import java.util.EnumSet;
import java.util.Set;

/**
 * What one run will send, decided before anything is sent: its kind, the target, how politely (options, including
 * the deadline), and which probes. The page is always part of a plan: every other probe starts from its final URL.
 *
 * @param probes the probes to send; {@link ProbeKind#PAGE} is added when missing
 */
public record RunPlan(RunKind kind, URI target, ProbeOptions options, Set<ProbeKind> probes) {

    public RunPlan {
        EnumSet<ProbeKind> copy = EnumSet.of(ProbeKind.PAGE);
        copy.addAll(probes);
        probes = Set.copyOf(copy);
    }

    /**
     * Every probe but the browser audit: a pulse plus an audit, plus the load run if configured, for self-contained
     * runs (tests, tools). Starting Chromium costs seconds and memory on every run, so the browser audit is sent only
     * by plans that name it (the service's audits, {@code vantage check --browser}; docs/browser.md).
     * {@code vantage check} itself is planned by {@code plan.RunPlanner.oneShot}.
     */
    public static RunPlan everything(URI target, ProbeOptions options) {
        return new RunPlan(RunKind.AUDIT, target, options, WHOLE);
    }

    private static final Set<ProbeKind> WHOLE = Set.copyOf(EnumSet.complementOf(EnumSet.of(ProbeKind.BROWSER)));

    /** Whether this plan sends at least what {@link #everything} sends (a pulse and a whole audit; the browser optional). */
    public boolean isWhole() {
        return probes.containsAll(WHOLE);
    }

    /** This plan with the browser audit added. */
    public RunPlan withBrowser() {
        EnumSet<ProbeKind> more = EnumSet.of(ProbeKind.BROWSER);
        more.addAll(probes);
        return new RunPlan(kind, target, options, more);
    }

    public boolean sends(ProbeKind probe) {
        return probes.contains(probe);
    }
}
