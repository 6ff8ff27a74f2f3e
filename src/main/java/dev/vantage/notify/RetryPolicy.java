package dev.vantage.notify;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: before attempt {@code n} (n ≥ 2) the sender waits a random time between half and
 * all of {@code initial × 2^(n-2)}, capped at {@code max}; there are at most {@code maxAttempts} attempts. The jitter
 * keeps the retries of many notifications from hitting a recovering receiver at the same instant.
 */
public record RetryPolicy(int maxAttempts, Duration initial, Duration max) {

    public RetryPolicy {
        if (maxAttempts < 1 || initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("retry policy needs at least one attempt and 0 < initial <= max");
        }
    }

    /** @param random a value in [0, 1) */
    public Duration delayBefore(int attempt, DoubleSupplier random) {
        long ceiling = initial.toMillis() << Math.min(attempt - 2, 30);
        long capped = Math.min(ceiling <= 0 ? Long.MAX_VALUE : ceiling, max.toMillis());
        return Duration.ofMillis(capped / 2 + (long) (random.getAsDouble() * (capped - capped / 2)));
    }
}
