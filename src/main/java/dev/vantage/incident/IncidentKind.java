package dev.vantage.incident;

import java.util.Locale;
import java.util.Optional;

/** What an incident is about; one target has at most one open incident per kind and subject. */
public enum IncidentKind {
    /** Consecutive failed pulses reached {@code alerts.failure-threshold}. */
    DOWN,
    /** The grade is below the target's {@code expect.grade}. */
    GRADE,
    /** A check that passed before fails now (the subject is the check id). */
    CHECK,
    /** The served certificate expires within {@code alerts.cert-days}. */
    CERTIFICATE,
    /** The audit could not run: the site was unreachable during it, or no audit completed in twice its cadence. */
    AUDIT;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<IncidentKind> parse(String text) {
        for (IncidentKind k : values()) {
            if (k.id().equals(text)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
