package dev.vantage.check.ratelimit;

import dev.vantage.check.Check;

import java.util.List;

/** The rate-limit checks, in report order, for the lead to add to the registry. */
public final class RateLimitChecks {

    private RateLimitChecks() {
    }

    public static List<Check> all() {
        return List.of(new RateLimitCheck(), new RateLimitRecoveryCheck());
    }
}
