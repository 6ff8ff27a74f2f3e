package dev.vantage.report;

import dev.vantage.probe.RunKind;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a report was composed: the newest evidence of each run kind it was graded from (the fresh run's own and what
 * earlier runs left), and warnings about evidence that is missing or older than its cadence allows.
 *
 * @param states   per kind, the evidence the report used; a kind never run is absent
 * @param fresh    the kinds this run produced itself (the rest was carried over from earlier runs)
 * @param warnings sentences for people, e.g. "the newest audit is 3 days old (cadence 24h)"
 */
public record Composition(Map<RunKind, EvidenceState> states, List<RunKind> fresh, List<String> warnings) {

    /** A report of one self-contained run (the one-shot {@code check}): nothing carried, nothing to warn about. */
    public static final Composition NONE = new Composition(Map.of(), List.of(), List.of());

    public Composition {
        EnumMap<RunKind, EvidenceState> copy = new EnumMap<>(RunKind.class);
        copy.putAll(states);
        states = java.util.Collections.unmodifiableMap(copy);
        fresh = List.copyOf(fresh);
        warnings = List.copyOf(warnings);
    }

    public Optional<EvidenceState> state(RunKind kind) {
        return Optional.ofNullable(states.get(kind));
    }
}
