package dev.vantage.notify;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Delivery against real loopback receivers, with timers that record the backoff and fire at once. */
class DeliveryTest {

    static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    static final Notification OPENED = new Notification(Notification.Event.OPENED, "inc-0123", "shop", "down", "",
            "shop is down", "3 consecutive pulses failed", NOW, Optional.empty(), Optional.empty());

    Vertx vertx;
    final List<Duration> waits = new CopyOnWriteArrayList<>();
    final List<DeliveryLog.Attempt> attempts = new CopyOnWriteArrayList<>();
    final List<String> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    Delivery delivery(int maxAttempts, Duration timeout) {
        Timers immediate = delay -> {
            waits.add(delay);
            return Future.succeededFuture();
        };
        DeliveryLog log = a -> {
            attempts.add(a);
            return Future.succeededFuture();
        };
        return new Delivery(Sender.webClient(vertx), immediate, log,
                new RetryPolicy(maxAttempts, Duration.ofSeconds(2), Duration.ofSeconds(30)), timeout,
                Clock.fixed(NOW, ZoneOffset.UTC), () -> 0.5);
    }

    /** A receiver answering 500 to the first {@code failures} requests, then 200; returns its port. */
    int receiver(int failures) throws Exception {
        AtomicInteger seen = new AtomicInteger();
        HttpServer server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b -> {
            received.add(req.getHeader("Idempotency-Key") + " " + b);
            req.response().setStatusCode(seen.incrementAndGet() <= failures ? 500 : 200).end();
        })).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
        return server.actualPort();
    }

    WebhookChannel webhook(int port) {
        return new WebhookChannel("hooks", URI.create("http://127.0.0.1:" + port + "/hook"), "s3cret");
    }

    @Test
    void aReceiverThatFailsTwiceGetsItOnTheThirdAttemptAndOneSuccessIsRecorded() throws Exception {
        int port = receiver(2);
        boolean delivered = delivery(6, Duration.ofSeconds(5)).deliver(webhook(port), OPENED)
                .await(30, TimeUnit.SECONDS);
        assertThat(delivered).isTrue();
        assertThat(attempts).extracting(DeliveryLog.Attempt::attempt).containsExactly(1, 2, 3);
        assertThat(attempts).extracting(DeliveryLog.Attempt::success).containsExactly(false, false, true);
        assertThat(attempts.get(0).status()).contains(500);
        assertThat(attempts.stream().filter(DeliveryLog.Attempt::success)).hasSize(1);
        // Backoff 2 s then 4 s; jitter 0.5 puts each at three quarters of its ceiling.
        assertThat(waits).containsExactly(Duration.ofMillis(1500), Duration.ofMillis(3000));
        assertThat(received).hasSize(3).allSatisfy(r -> assertThat(r).startsWith("inc-0123:opened {"));
    }

    @Test
    void aReceiverThatAlwaysFailsIsGivenUpOnAfterTheBound() throws Exception {
        int port = receiver(Integer.MAX_VALUE);
        boolean delivered = delivery(4, Duration.ofSeconds(5)).deliver(webhook(port), OPENED)
                .await(30, TimeUnit.SECONDS);
        assertThat(delivered).isFalse();
        assertThat(attempts).hasSize(4).noneMatch(DeliveryLog.Attempt::success);
        assertThat(waits).hasSize(3);
    }

    @Test
    void aHangingReceiverCostsOneTimeoutPerAttemptAndTheEventLoopStaysFree() throws Exception {
        HttpServer hanging = vertx.createHttpServer().requestHandler(req -> received.add("hung"))
                .listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
        Future<Boolean> pending = delivery(2, Duration.ofMillis(300)).deliver(webhook(hanging.actualPort()), OPENED);
        // While the receiver hangs, the event loop still serves other work (a probe's timers, say).
        assertThat(vertx.executeBlocking(() -> "free").await(5, TimeUnit.SECONDS)).isEqualTo("free");
        assertThat(pending.await(30, TimeUnit.SECONDS)).isFalse();
        assertThat(attempts).hasSize(2).allSatisfy(a -> {
            assertThat(a.success()).isFalse();
            assertThat(a.status()).isEmpty();
            assertThat(a.error()).hasValueSatisfying(e -> assertThat(e).contains("Timeout"));
        });
    }

    @Test
    void backoffDoublesUpToItsCapWithJitterBetweenHalfAndAll() {
        RetryPolicy p = new RetryPolicy(10, Duration.ofSeconds(1), Duration.ofSeconds(10));
        assertThat(p.delayBefore(2, () -> 0)).isEqualTo(Duration.ofMillis(500));
        assertThat(p.delayBefore(3, () -> 0.999)).isBetween(Duration.ofMillis(1990), Duration.ofSeconds(2));
        assertThat(p.delayBefore(9, () -> 0)).isEqualTo(Duration.ofSeconds(5));
        assertThat(p.delayBefore(60, () -> 0.999)).isLessThanOrEqualTo(Duration.ofSeconds(10));
    }
}
