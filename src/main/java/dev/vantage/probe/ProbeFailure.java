package dev.vantage.probe;

/** A failure turned into evidence: the kind, and a one-line message a person can act on. */
public record ProbeFailure(FailureKind kind, String message) {

    /** One line for reports: {@code refused: connection refused by 127.0.0.1:8443}. */
    public String describe() {
        return kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ": " + message;
    }
}
