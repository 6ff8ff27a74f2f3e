package dev.vantage.pipeline;

import dev.vantage.probe.RunKind;
import dev.vantage.report.EvidenceState;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * What earlier runs of a target left for this run's report: the newest evidence of each kind, and the cadence of
 * each slow kind (so evidence older than twice its cadence is flagged, not silently used).
 *
 * @param cadences per kind, how often it is meant to run (absent: not scheduled, e.g. no load configured)
 */
public record CarriedEvidence(Map<RunKind, EvidenceState> states, Map<RunKind, Duration> cadences) {

    /** Nothing carried: the one-shot {@code check}, or a target's first run. */
    public static final CarriedEvidence NONE = new CarriedEvidence(Map.of(), Map.of());

    public CarriedEvidence {
        EnumMap<RunKind, EvidenceState> s = new EnumMap<>(RunKind.class);
        s.putAll(states);
        states = java.util.Collections.unmodifiableMap(s);
        EnumMap<RunKind, Duration> c = new EnumMap<>(RunKind.class);
        c.putAll(cadences);
        cadences = java.util.Collections.unmodifiableMap(c);
    }

    public Optional<EvidenceState> state(RunKind kind) {
        return Optional.ofNullable(states.get(kind));
    }

    public Optional<Duration> cadence(RunKind kind) {
        return Optional.ofNullable(cadences.get(kind));
    }
}
