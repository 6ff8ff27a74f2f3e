package dev.vantage.probe.ratelimit;

import dev.vantage.probe.FailureKind;
import dev.vantage.probe.PhaseTimings;
import dev.vantage.probe.ProbeFailure;
import dev.vantage.probe.http.Headers;
import dev.vantage.probe.http.HttpExchange;
import dev.vantage.probe.http.HttpRequestSpec;
import dev.vantage.probe.http.HttpResponseEvidence;
import dev.vantage.probe.ratelimit.RateLimitEvidence.SignalKind;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ThrottleSignalsTest {

    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    static HttpExchange answer(int status, String... headers) {
        return new HttpExchange(HttpRequestSpec.get(URI.create("http://127.0.0.1/login")), Optional.of("127.0.0.1"),
                PhaseTimings.NONE, Optional.empty(), Optional.of(new HttpResponseEvidence(status, "", "HTTP/1.1",
                Headers.of(headers), "", 0, false)), Optional.empty());
    }

    @Test
    void a429IsAlwaysASignal() {
        assertThat(ThrottleSignals.classify(answer(429), false)).contains(SignalKind.STATUS_429);
    }

    @Test
    void a503IsASignalButOther5xxOnlyAfterAcceptedRequestsOrWithRetryAfter() {
        assertThat(ThrottleSignals.classify(answer(503), false)).contains(SignalKind.STATUS_5XX);
        assertThat(ThrottleSignals.classify(answer(500), false)).isEmpty();
        assertThat(ThrottleSignals.classify(answer(500), true)).contains(SignalKind.STATUS_5XX);
        assertThat(ThrottleSignals.classify(answer(502, "Retry-After", "3"), false)).contains(SignalKind.STATUS_5XX);
    }

    @Test
    void another4xxNeedsRetryAfterOrAnExhaustedQuota() {
        assertThat(ThrottleSignals.classify(answer(403), true)).isEmpty();
        assertThat(ThrottleSignals.classify(answer(403, "Retry-After", "10"), true)).contains(SignalKind.OTHER_4XX);
        assertThat(ThrottleSignals.classify(answer(403, "X-RateLimit-Remaining", "0"), true))
                .contains(SignalKind.OTHER_4XX);
        assertThat(ThrottleSignals.classify(answer(400, "RateLimit", "limit=10, remaining=0, reset=5"), true))
                .contains(SignalKind.OTHER_4XX);
        assertThat(ThrottleSignals.classify(answer(400, "RateLimit", "limit=10, remaining=05, reset=5"), true))
                .isEmpty();
        assertThat(ThrottleSignals.classify(answer(200, "Retry-After", "10"), true)).isEmpty();
    }

    @Test
    void aDroppedConnectionCountsOnlyAfterAcceptedRequests() {
        HttpExchange reset = HttpExchange.failed(HttpRequestSpec.get(URI.create("http://127.0.0.1/")),
                PhaseTimings.NONE, new ProbeFailure(FailureKind.RESET, "reset"));
        HttpExchange timeout = HttpExchange.failed(HttpRequestSpec.get(URI.create("http://127.0.0.1/")),
                PhaseTimings.NONE, new ProbeFailure(FailureKind.TIMEOUT, "slow"));

        assertThat(ThrottleSignals.classify(reset, false)).isEmpty();
        assertThat(ThrottleSignals.classify(reset, true)).contains(SignalKind.CONNECTION_DROPPED);
        assertThat(ThrottleSignals.classify(timeout, true)).isEmpty();
    }

    @Test
    void keepsOnlyRetryAfterAndRateLimitHeaderVariants() {
        Headers all = Headers.of("Content-Type", "text/plain", "Retry-After", "1", "RateLimit-Limit", "10",
                "RateLimit-Policy", "10;w=1", "X-RateLimit-Remaining", "0", "X-Rate-Limit-Reset", "3", "Server", "x");

        assertThat(ThrottleSignals.limitHeaders(all).all()).extracting(h -> h.name()).containsExactly("Retry-After",
                "RateLimit-Limit", "RateLimit-Policy", "X-RateLimit-Remaining", "X-Rate-Limit-Reset");
    }

    @Test
    void readsTheAdvertisedWaitFromEachForm() {
        assertThat(ThrottleSignals.advertisedWait(Headers.of("Retry-After", "7"), NOW)).contains(Duration.ofSeconds(7));
        assertThat(ThrottleSignals.advertisedWait(Headers.of("Retry-After", "Wed, 25 Nov 2026 12:00:30 GMT",
                "Date", "Wed, 25 Nov 2026 12:00:10 GMT"), NOW)).contains(Duration.ofSeconds(20));
        assertThat(ThrottleSignals.advertisedWait(Headers.of("RateLimit-Reset", "4"), NOW))
                .contains(Duration.ofSeconds(4));
        assertThat(ThrottleSignals.advertisedWait(Headers.of("X-RateLimit-Reset",
                String.valueOf(NOW.getEpochSecond() + 12)), NOW)).contains(Duration.ofSeconds(12));
        assertThat(ThrottleSignals.advertisedWait(Headers.of("RateLimit", "\"default\";r=0;t=9"), NOW))
                .contains(Duration.ofSeconds(9));
        assertThat(ThrottleSignals.advertisedWait(Headers.of("Retry-After", "soon"), NOW)).isEmpty();
        assertThat(ThrottleSignals.advertisedWait(Headers.EMPTY, NOW)).isEmpty();
    }
}
