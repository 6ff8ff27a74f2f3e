package dev.vantage.probe.ratelimit;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * The opt-in rate-limit burst of one target: which endpoint, and how far the burst may go. Every bound has a
 * polite default and a hard cap that configuration cannot raise.
 *
 * @param path            path (and optional query) on the target's origin, e.g. {@code /login}
 * @param method          an idempotent-looking method: GET, HEAD, POST or OPTIONS (POST is sent with an empty body)
 * @param maxRequests     requests sent at most (default 50, hard cap 500)
 * @param maxRate         requests per second at most (default 20, hard cap 100)
 * @param maxDuration     how long the burst may last (default 10 s, hard cap 60 s)
 * @param maxRecoveryWait longest advertised wait honoured before the one recovery request (default 30 s, cap 120 s)
 */
public record RateLimitSettings(String path, String method, int maxRequests, double maxRate, Duration maxDuration,
                                Duration maxRecoveryWait) {

    public static final int DEFAULT_MAX_REQUESTS = 50;
    public static final int HARD_MAX_REQUESTS = 500;
    public static final double DEFAULT_MAX_RATE = 20;
    public static final double HARD_MAX_RATE = 100;
    public static final Duration DEFAULT_MAX_DURATION = Duration.ofSeconds(10);
    public static final Duration HARD_MAX_DURATION = Duration.ofSeconds(60);
    public static final Duration DEFAULT_MAX_RECOVERY_WAIT = Duration.ofSeconds(30);
    public static final Duration HARD_MAX_RECOVERY_WAIT = Duration.ofSeconds(120);
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "OPTIONS");

    /** @throws IllegalArgumentException naming the setting that is out of bounds */
    public RateLimitSettings {
        if (path == null || !path.startsWith("/") || path.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            throw new IllegalArgumentException("rate-limit path '" + path
                    + "' must start with / and contain no spaces or control characters");
        }
        try {
            java.net.URI.create("http://vantage.invalid" + path);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("rate-limit path '" + path + "' is not a valid URL path: "
                    + e.getMessage(), e);
        }
        method = method == null ? "" : method.toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("rate-limit method '" + method + "' is not one of GET, HEAD, POST, "
                    + "OPTIONS");
        }
        if (maxRequests < 1 || maxRequests > HARD_MAX_REQUESTS) {
            throw new IllegalArgumentException("rate-limit max-requests " + maxRequests + " must be between 1 and "
                    + HARD_MAX_REQUESTS);
        }
        if (!(maxRate > 0) || maxRate > HARD_MAX_RATE) {
            throw new IllegalArgumentException("rate-limit max-rate " + maxRate + "/s must be above 0 and at most "
                    + (int) HARD_MAX_RATE + "/s");
        }
        requireWithin("max-duration", maxDuration, HARD_MAX_DURATION);
        requireWithin("max-recovery-wait", maxRecoveryWait, HARD_MAX_RECOVERY_WAIT);
    }

    /** The defaults, on {@code path} with GET. */
    public static RateLimitSettings of(String path) {
        return new RateLimitSettings(path, "GET", DEFAULT_MAX_REQUESTS, DEFAULT_MAX_RATE, DEFAULT_MAX_DURATION,
                DEFAULT_MAX_RECOVERY_WAIT);
    }

    public RateLimitSettings withMethod(String value) {
        return new RateLimitSettings(path, value, maxRequests, maxRate, maxDuration, maxRecoveryWait);
    }

    public RateLimitSettings withMaxRequests(int value) {
        return new RateLimitSettings(path, method, value, maxRate, maxDuration, maxRecoveryWait);
    }

    public RateLimitSettings withMaxRate(double value) {
        return new RateLimitSettings(path, method, maxRequests, value, maxDuration, maxRecoveryWait);
    }

    public RateLimitSettings withMaxDuration(Duration value) {
        return new RateLimitSettings(path, method, maxRequests, maxRate, value, maxRecoveryWait);
    }

    public RateLimitSettings withMaxRecoveryWait(Duration value) {
        return new RateLimitSettings(path, method, maxRequests, maxRate, maxDuration, value);
    }

    /** Milliseconds between two request starts at {@link #maxRate}. */
    public long intervalMillis() {
        return Math.max(1, Math.round(1000.0 / maxRate));
    }

    private static void requireWithin(String name, Duration value, Duration cap) {
        if (value == null || value.isNegative() || value.isZero() || value.compareTo(cap) > 0) {
            throw new IllegalArgumentException("rate-limit " + name + " " + value + " must be above 0 and at most "
                    + cap.toSeconds() + "s");
        }
    }
}
