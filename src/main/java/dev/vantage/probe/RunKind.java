package dev.vantage.probe;

import java.util.Locale;
import java.util.Optional;

/**
 * The three kinds of runs a target gets, each on its own cadence (docs/probes.md): a cheap pulse on every schedule,
 * a full audit rarely and after a change, an opt-in load run on its own cadence.
 */
public enum RunKind {
    /** The page request chain only, as blackbox_exporter sends it. */
    PULSE,
    /** The page plus TLS enumeration, the plain-HTTP upgrade, CORS, exposure and the opt-in rate-limit burst. */
    AUDIT,
    /** The page (to find its origin) plus the opt-in, owner-verified load run. */
    LOAD;

    /** Lower-case name, as used in the API, the config, the database and metric labels. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<RunKind> parse(String text) {
        for (RunKind k : values()) {
            if (k.id().equals(text)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
