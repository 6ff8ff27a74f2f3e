package dev.vantage.probe.load;

import java.util.Optional;

/**
 * What the caller of a load run knows beyond its settings: the ownership token to prove before any load is sent.
 * History (the idle p95 the slowdown is measured against) is not a probe input: it enters at grading, through
 * {@code pipeline.CarriedEvidence}.
 *
 * @param ownershipToken when present, ownership must be proven with this token before any load is sent
 *                       ({@link Ownership}); the service always sets it, the one-shot CLI (whose user confirms
 *                       the plan on the command line) does not
 */
public record LoadContext(Optional<String> ownershipToken) {

    /** No ownership proof asked for: the one-shot CLI. */
    public static final LoadContext NONE = new LoadContext(Optional.empty());

    /** Service mode: prove {@code token} first. */
    public static LoadContext verified(String token) {
        return new LoadContext(Optional.of(token));
    }
}
