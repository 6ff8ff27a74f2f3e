package dev.vantage.probe;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * How long each phase of an exchange took. Phases that were never reached (the connection was refused, the
 * target was plain HTTP so there was no TLS) are absent rather than zero.
 */
public record PhaseTimings(Map<Phase, Duration> phases) {

    public static final PhaseTimings NONE = new PhaseTimings(Map.of());

    public PhaseTimings {
        EnumMap<Phase, Duration> copy = new EnumMap<>(Phase.class);
        copy.putAll(phases);
        phases = Collections.unmodifiableMap(copy);
    }

    public Optional<Duration> of(Phase phase) {
        return Optional.ofNullable(phases.get(phase));
    }

    /** Sum of the phases that were reached. */
    public Duration total() {
        return phases.values().stream().reduce(Duration.ZERO, Duration::plus);
    }

    public PhaseTimings with(Phase phase, Duration took) {
        EnumMap<Phase, Duration> copy = new EnumMap<>(Phase.class);
        copy.putAll(phases);
        copy.put(phase, took);
        return new PhaseTimings(copy);
    }
}
