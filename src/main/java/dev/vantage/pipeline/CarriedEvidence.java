package dev.vantage.pipeline;

import dev.vantage.probe.RunKind;
import dev.vantage.report.EvidenceState;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * What earlier runs of a target left for this run's report: the newest evidence of each kind, the cadence of each
 * slow kind (so evidence older than twice its cadence is flagged, not silently used), and the idle latency history
 * the load checks compare against. History is an input of grading, never of probing: the probes of a run are the
 * same whatever came before.
 *
 * @param cadences per kind, how often it is meant to run (absent: not scheduled, e.g. no load configured)
 * @param idleP95  the page's request p95 (processing + transfer) over the stored idle window; absent for the one-shot
 *                 {@code check} and a target's first runs, and then the load degradation check falls back to the
 *                 run's own idle page exchange
 */
public record CarriedEvidence(Map<RunKind, EvidenceState> states, Map<RunKind, Duration> cadences,
                              Optional<Duration> idleP95) {

    /** Nothing carried: the one-shot {@code check}, or a target's first run. */
    public static final CarriedEvidence NONE = new CarriedEvidence(Map.of(), Map.of());

    public CarriedEvidence {
        EnumMap<RunKind, EvidenceState> s = new EnumMap<>(RunKind.class);
        s.putAll(states);
        states = java.util.Collections.unmodifiableMap(s);
        EnumMap<RunKind, Duration> c = new EnumMap<>(RunKind.class);
        c.putAll(cadences);
        cadences = java.util.Collections.unmodifiableMap(c);
        java.util.Objects.requireNonNull(idleP95, "idleP95");
    }

    /** Earlier evidence and cadences without idle history. */
    public CarriedEvidence(Map<RunKind, EvidenceState> states, Map<RunKind, Duration> cadences) {
        this(states, cadences, Optional.empty());
    }

    public Optional<EvidenceState> state(RunKind kind) {
        return Optional.ofNullable(states.get(kind));
    }

    public Optional<Duration> cadence(RunKind kind) {
        return Optional.ofNullable(cadences.get(kind));
    }
}
