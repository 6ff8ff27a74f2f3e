package dev.vantage.probe.load;

import java.time.Duration;
import java.util.Optional;

/**
 * What the caller of a load run knows beyond its settings.
 *
 * @param ownershipToken when present, ownership must be proven with this token before any load is sent
 *                       ({@link Ownership}); the service always sets it, the one-shot CLI (whose user confirms
 *                       the plan on the command line) does not
 * @param idleP95        the page's p95 when idle over recent probes (service mode), for the degradation ratio;
 *                       absent, the check falls back to the one idle exchange of the run
 */
public record LoadContext(Optional<String> ownershipToken, Optional<Duration> idleP95) {

    /** No ownership proof asked for, no idle history: the one-shot CLI. */
    public static final LoadContext NONE = new LoadContext(Optional.empty(), Optional.empty());

    /** Service mode: prove {@code token}, compare against {@code idleP95} when known. */
    public static LoadContext verified(String token, Optional<Duration> idleP95) {
        return new LoadContext(Optional.of(token), idleP95);
    }
}
