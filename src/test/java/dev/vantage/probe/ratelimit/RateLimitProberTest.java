package dev.vantage.probe.ratelimit;

import dev.vantage.check.Finding;
import dev.vantage.check.Verdict;
import dev.vantage.check.ratelimit.RateLimitCheck;
import dev.vantage.check.ratelimit.RateLimitRecoveryCheck;
import dev.vantage.fixtures.LoopbackSite;
import dev.vantage.probe.PhaseTimings;
import dev.vantage.probe.ProbeOptions;
import dev.vantage.probe.SiteEvidence;
import dev.vantage.probe.SiteProber;
import dev.vantage.probe.exposure.ScriptedServer;
import dev.vantage.probe.http.HttpExchange;
import dev.vantage.probe.http.HttpProber;
import dev.vantage.probe.http.HttpRequestSpec;
import dev.vantage.probe.http.RedirectChain;
import dev.vantage.probe.http.RedirectOutcome;
import dev.vantage.probe.ratelimit.RateLimitEvidence.SignalKind;
import dev.vantage.probe.ratelimit.RateLimitEvidence.StopReason;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** The burst against loopback limiters: each nested class is one server behaviour. */
class RateLimitProberTest {

    static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        vertx.close().await();
    }

    static final RateLimitSettings FAST = RateLimitSettings.of("/login").withMaxRate(50).withMaxRequests(30);

    /**
     * The burst's clock and the limiters' clock, in nanoseconds: it moves only when a test moves it or the prober
     * waits for a Retry-After (the wait returns at once), so no test sleeps or reads the real time.
     */
    static final AtomicLong NOW = new AtomicLong();

    static RateLimitEvidence burst(URI page, RateLimitSettings settings) throws Exception {
        HttpProber http = new HttpProber(vertx, ProbeOptions.defaults().withTimeout(Duration.ofSeconds(3)));
        try {
            return new RateLimitProber(vertx, http, NOW::get, wait -> {
                NOW.addAndGet(wait.toNanos());
                return Future.succeededFuture();
            }).probe(page, settings).await(30, TimeUnit.SECONDS);
        } finally {
            http.close().await();
        }
    }

    static SiteEvidence evidence(RateLimitEvidence burst) {
        HttpExchange page = HttpExchange.failed(HttpRequestSpec.get(burst.url()), PhaseTimings.NONE,
                new dev.vantage.probe.ProbeFailure(dev.vantage.probe.FailureKind.IO, "not requested in this test"));
        return new SiteEvidence(burst.url(), Instant.now(), Duration.ZERO,
                new RedirectChain(List.of(page), RedirectOutcome.FAILED), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of(burst), Optional.empty());
    }

    static Finding check(RateLimitEvidence burst) {
        return new RateLimitCheck().evaluate(evidence(burst));
    }

    static Finding recovery(RateLimitEvidence burst) {
        return new RateLimitRecoveryCheck().evaluate(evidence(burst));
    }

    /** Accepts {@code allowed} requests, then answers with {@code limited} until {@code window} has passed. */
    static Consumer<HttpServerRequest> limiter(int allowed, Duration window, Consumer<HttpServerRequest> limited) {
        AtomicInteger count = new AtomicInteger();
        long[] blockedUntil = {0};
        return req -> {
            long now = NOW.get();
            if (blockedUntil[0] != 0 && now - blockedUntil[0] >= 0) {
                blockedUntil[0] = 0;
                count.set(0);
            }
            if (blockedUntil[0] != 0 || count.incrementAndGet() > allowed) {
                if (blockedUntil[0] == 0) {
                    blockedUntil[0] = now + window.toNanos();
                }
                limited.accept(req);
            } else {
                req.response().putHeader("RateLimit-Limit", String.valueOf(allowed))
                        .putHeader("RateLimit-Remaining", String.valueOf(allowed - count.get())).end("ok");
            }
        };
    }

    @Nested
    class TooManyRequestsWithRetryAfter {

        @Test
        void stopsAtTheFirst429ReportsItsHeadersAndSeesTheLimitRecover() throws Exception {
            try (ScriptedServer site = ScriptedServer.builder().route("/login", limiter(5, Duration.ofSeconds(1),
                    req -> req.response().setStatusCode(429).putHeader("Retry-After", "1")
                            .putHeader("RateLimit-Remaining", "0").end("slow down"))).start(vertx)) {
                RateLimitEvidence r = burst(site.url("/"), FAST);

                assertThat(r.stop()).isEqualTo(StopReason.THROTTLED);
                assertThat(r.throttle()).hasValueSatisfying(s -> {
                    assertThat(s.kind()).isEqualTo(SignalKind.STATUS_429);
                    // Each request has its own connection, so under load the server may count them in a slightly
                    // different order than they were sent: the first 429 is request 6, give or take in-flight ones.
                    assertThat(s.afterRequests()).isBetween(6, 9);
                    assertThat(s.retryAfter()).contains("1");
                    assertThat(s.limitHeaders().first("RateLimit-Remaining")).contains("0");
                });
                assertThat(r.limitHeaders().first("RateLimit-Limit")).contains("5");
                assertThat(r.sent()).as("stops soon after the first 429, far below the 30 allowed").isBetween(6, 12);
                assertThat(r.recovery()).hasValueSatisfying(rec -> {
                    assertThat(rec.recovered()).isTrue();
                    assertThat(rec.waited()).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
                });
                assertThat(site.requests()).isEqualTo(r.sent() + 1);
                assertThat(check(r).result()).isEqualTo(RateLimitCheck.CLEAR);
                assertThat(check(r).observed()).contains("throttled after 6 of 30 requests to GET /login")
                        .contains("429").contains("Retry-After: 1");
                assertThat(recovery(r).result()).isEqualTo(RateLimitRecoveryCheck.RECOVERS);
            }
        }
    }

    @Nested
    class BareServiceUnavailable {

        @Test
        void aBare503Warns() throws Exception {
            try (ScriptedServer site = ScriptedServer.builder().route("/login", limiter(3, Duration.ofMillis(200),
                    req -> req.response().setStatusCode(503).end())).start(vertx)) {
                RateLimitEvidence r = burst(site.url("/"), FAST);

                assertThat(r.throttle().orElseThrow().kind()).isEqualTo(SignalKind.STATUS_5XX);
                assertThat(r.throttle().orElseThrow().afterRequests()).isEqualTo(4);
                Finding f = check(r);
                assertThat(f.verdict()).isEqualTo(Verdict.WARN);
                assertThat(f.result()).isEqualTo(RateLimitCheck.BARE_5XX);
                assertThat(f.observed()).contains("503, no Retry-After or RateLimit headers");
            }
        }
    }

    @Nested
    class NoLimit {

        @Test
        void sendsExactlyTheBoundedBurstAndFails() throws Exception {
            try (ScriptedServer site = ScriptedServer.builder().page("/login", 200, "welcome").start(vertx)) {
                RateLimitEvidence r = burst(site.url("/"), FAST.withMaxRequests(20));

                assertThat(r.stop()).isEqualTo(StopReason.MAX_REQUESTS);
                assertThat(r.sent()).isEqualTo(20);
                assertThat(site.requests()).isEqualTo(20);
                assertThat(r.statusCounts()).containsEntry(200, 20);
                assertThat(r.recovery()).isEmpty();
                Finding f = check(r);
                assertThat(f.verdict()).isEqualTo(Verdict.FAIL);
                assertThat(f.observed()).startsWith("20 GET /login requests in").contains("20× 200");
                assertThat(recovery(r).verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
            }
        }

        @Test
        void theDurationBoundStopsASlowBurst() throws Exception {
            // Each answer moves the burst's clock 100 ms: the 500 ms bound is reached after five answers.
            try (ScriptedServer site = ScriptedServer.builder().route("/login", req -> {
                NOW.addAndGet(Duration.ofMillis(100).toNanos());
                req.response().end("welcome");
            }).start(vertx)) {
                RateLimitEvidence r = burst(site.url("/"), RateLimitSettings.of("/login").withMaxRate(10)
                        .withMaxRequests(500).withMaxDuration(Duration.ofMillis(500)));

                assertThat(r.stop()).isEqualTo(StopReason.MAX_DURATION);
                assertThat(r.sent()).as("five answered, at most one more in flight at the bound").isBetween(5, 6);
                assertThat(r.took()).isGreaterThanOrEqualTo(Duration.ofMillis(500));
            }
        }
    }

    @Nested
    class LimitThatNeverRecovers {

        @Test
        void theFollowUpIsStillThrottledAndWarns() throws Exception {
            try (ScriptedServer site = ScriptedServer.builder().route("/login", limiter(2, Duration.ofHours(1),
                    req -> req.response().setStatusCode(429).putHeader("Retry-After", "1").end())).start(vertx)) {
                RateLimitEvidence r = burst(site.url("/"), FAST);

                assertThat(r.recovery()).hasValueSatisfying(rec -> assertThat(rec.recovered()).isFalse());
                assertThat(recovery(r).result()).isEqualTo(RateLimitRecoveryCheck.NEVER_RECOVERS);
                assertThat(recovery(r).observed()).contains("answered 429");
            }
        }

        @Test
        void anAdvertisedWaitBeyondTheBoundIsNotWaitedFor() throws Exception {
            try (ScriptedServer site = ScriptedServer.builder().route("/login", limiter(2, Duration.ofHours(1),
                    req -> req.response().setStatusCode(429).putHeader("Retry-After", "3600").end())).start(vertx)) {
                long before = NOW.get();
                RateLimitEvidence r = burst(site.url("/"), FAST);

                assertThat(NOW.get()).as("no wait was asked for").isEqualTo(before);
                assertThat(r.recovery()).isEmpty();
                assertThat(r.recoverySkipped()).hasValueSatisfying(s -> assertThat(s)
                        .contains("advertised wait of 3600 s exceeds max-recovery-wait 30 s"));
                assertThat(recovery(r).result()).isEqualTo(RateLimitRecoveryCheck.NOT_TESTED);
                assertThat(site.requests()).isEqualTo(r.sent());
            }
        }
    }

    @Nested
    class Unreachable {

        @Test
        void stopsAfterThreeUnansweredRequestsAndIsAnErrorNotAFailure() throws Exception {
            RateLimitEvidence r = burst(URI.create("http://127.0.0.1:" + LoopbackSite.refusedPort() + "/"), FAST);

            assertThat(r.stop()).isEqualTo(StopReason.UNREACHABLE);
            assertThat(r.sent()).isLessThanOrEqualTo(5);
            assertThat(check(r).verdict()).isEqualTo(Verdict.ERROR);
        }
    }

    @Nested
    class ThroughTheSiteProber {

        @Test
        void runsOnlyWhenConfigured() throws Exception {
            try (ScriptedServer site = ScriptedServer.builder().page("/", 200, "home")
                    .route("/login", limiter(3, Duration.ofSeconds(1), req -> req.response().setStatusCode(429)
                            .putHeader("Retry-After", "1").end())).start(vertx)) {
                ProbeOptions options = ProbeOptions.defaults().withTimeout(Duration.ofSeconds(5));

                SiteEvidence without = new SiteProber(vertx, options).probe(site.url("/")).await(15, TimeUnit.SECONDS);
                SiteEvidence with = new SiteProber(vertx, options.withRateLimit(FAST)).probe(site.url("/"))
                        .await(15, TimeUnit.SECONDS);

                assertThat(without.rateLimit()).isEmpty();
                assertThat(new RateLimitCheck().evaluate(without).verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
                assertThat(with.rateLimit()).hasValueSatisfying(r -> {
                    assertThat(r.url()).isEqualTo(site.url("/login"));
                    assertThat(r.throttle().orElseThrow().afterRequests()).isBetween(4, 7);
                });
                assertThat(new RateLimitCheck().evaluate(with).verdict()).isEqualTo(Verdict.PASS);
            }
        }
    }
}
