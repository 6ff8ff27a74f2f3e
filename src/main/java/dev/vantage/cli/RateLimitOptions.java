package dev.vantage.cli;

import dev.vantage.probe.ratelimit.RateLimitSettings;
import picocli.CommandLine.Option;

import java.util.Optional;

/** The opt-in rate-limit burst flags of {@code check}; no flag, no burst. */
final class RateLimitOptions {

    @Option(names = "--rate-limit-path", paramLabel = "PATH",
            description = "Opt in to the rate-limit probe: send a bounded burst to PATH (e.g. /login) and look for "
                    + "throttling (429, Retry-After, RateLimit headers).")
    String rateLimitPath;

    @Option(names = "--rate-limit-method", paramLabel = "METHOD", defaultValue = "GET",
            description = "Method of the burst requests: GET, HEAD, POST or OPTIONS (default: ${DEFAULT-VALUE}).")
    String rateLimitMethod;

    @Option(names = "--rate-limit-max-requests", paramLabel = "N", defaultValue = "50",
            description = "Requests sent at most by the burst (default: ${DEFAULT-VALUE}, hard cap 500).")
    int rateLimitMaxRequests;

    @Option(names = "--rate-limit-rate", paramLabel = "PER_SECOND", defaultValue = "20",
            description = "Requests per second of the burst (default: ${DEFAULT-VALUE}, hard cap 100).")
    double rateLimitRate;

    @Option(names = "--rate-limit-duration", paramLabel = "DURATION", defaultValue = "10s",
            description = "Longest the burst may last (default: ${DEFAULT-VALUE}, hard cap 60s).")
    String rateLimitDuration;

    /**
     * The burst settings, when {@code --rate-limit-path} opted in.
     *
     * @throws IllegalArgumentException naming the setting that is out of bounds
     */
    Optional<RateLimitSettings> settings() {
        if (rateLimitPath == null) {
            return Optional.empty();
        }
        return Optional.of(RateLimitSettings.of(rateLimitPath).withMethod(rateLimitMethod)
                .withMaxRequests(rateLimitMaxRequests).withMaxRate(rateLimitRate)
                .withMaxDuration(LoadOptions.duration("--rate-limit-duration", rateLimitDuration)));
    }
}
