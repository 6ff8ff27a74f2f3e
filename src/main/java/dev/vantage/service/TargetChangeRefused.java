package dev.vantage.service;

/**
 * A change or read of targets the service refuses, in its own terms: the target is missing, or the change
 * conflicts with what is stored (a taken name, a file target). The API maps the reason to a status code; the
 * service knows nothing of HTTP.
 */
public final class TargetChangeRefused extends RuntimeException {

    /** Why: the thing asked for is not there, or the change conflicts with what is. */
    public enum Reason { NOT_FOUND, CONFLICT }

    private final Reason reason;

    public TargetChangeRefused(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
