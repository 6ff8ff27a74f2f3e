package dev.vantage.probe.ratelimit;

import dev.vantage.probe.http.Headers;
import dev.vantage.probe.http.HttpExchange;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * What the rate-limit burst saw.
 *
 * @param url             the endpoint the burst was sent to
 * @param sent            requests sent (including those still in flight when the burst stopped)
 * @param took            from the first request to the last answer of the burst
 * @param statusCounts    how many answers came back with each status
 * @param failures        requests that got no answer (refused, reset, timeout)
 * @param stop            why the burst ended
 * @param limitHeaders    rate-limit headers of the last accepted answer before any throttling (quota advertised)
 * @param throttle        the first throttling signal, absent when none was seen
 * @param recovery        the one follow-up after the advertised wait, absent when not attempted
 * @param recoverySkipped why no follow-up was sent, when a throttle was seen but recovery was not tried
 */
public record RateLimitEvidence(RateLimitSettings settings, URI url, int sent, Duration took,
                                Map<Integer, Integer> statusCounts, int failures, StopReason stop,
                                Headers limitHeaders, Optional<ThrottleSignal> throttle,
                                Optional<Recovery> recovery, Optional<String> recoverySkipped) {

    public RateLimitEvidence {
        statusCounts = Map.copyOf(statusCounts);
    }

    /** Why the burst stopped sending. */
    public enum StopReason {
        /** A throttling signal came back: the burst stops at the first one. */
        THROTTLED,
        /** Every allowed request was sent and answered without a signal. */
        MAX_REQUESTS,
        /** The duration bound ran out first. */
        MAX_DURATION,
        /** Nothing answered the first requests: the endpoint is unreachable, not throttling. */
        UNREACHABLE
    }

    /** How the server said "too many". */
    public enum SignalKind {
        /** 429 Too Many Requests. */
        STATUS_429,
        /** 503 Service Unavailable, or another 5xx after earlier requests were accepted. */
        STATUS_5XX,
        /** Another 4xx that carried Retry-After or an exhausted RateLimit quota. */
        OTHER_4XX,
        /** The connection was reset or refused after earlier requests were accepted. */
        CONNECTION_DROPPED
    }

    /**
     * The first throttling answer.
     *
     * @param afterRequests 1-based index of the request that was throttled
     * @param at            time since the burst started
     * @param rate          requests per second achieved up to that request
     * @param status        the status, absent for a dropped connection
     * @param retryAfter    the Retry-After value as sent
     * @param limitHeaders  Retry-After, RateLimit-* and X-RateLimit-* headers of the answer
     * @param exchange      the throttled exchange itself
     */
    public record ThrottleSignal(SignalKind kind, int afterRequests, Duration at, double rate,
                                 Optional<Integer> status, Optional<String> retryAfter, Headers limitHeaders,
                                 HttpExchange exchange) {
    }

    /**
     * The follow-up request sent after the advertised wait.
     *
     * @param waited    how long the prober waited before sending it
     * @param recovered true when the follow-up was answered without a throttling signal
     */
    public record Recovery(Duration waited, HttpExchange exchange, boolean recovered) {
    }

    /** Requests per second achieved over the whole burst. */
    public double achievedRate() {
        double seconds = took.toNanos() / 1e9;
        return seconds <= 0 ? 0 : sent / seconds;
    }
}
