package dev.vantage.config;

/**
 * A stored target that cannot be probed as it stands (a secret it may not name, a reference that no longer
 * resolves, a CA bundle that is gone): the user's to fix, so the API answers 409 with this message, never 500.
 */
public final class UnusableTargetException extends RuntimeException {

    public UnusableTargetException(String target, String problem) {
        super("target \"" + target + "\" cannot be probed: " + problem);
    }
}
