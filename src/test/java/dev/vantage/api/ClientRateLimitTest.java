package dev.vantage.api;

import dev.vantage.config.VantageConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-client token bucket in front of /api, on a real loopback server with a clock the test moves. */
class ClientRateLimitTest {

    final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    final ClientRateLimit limit = new ClientRateLimit(new VantageConfig.RateLimit(2, 3), nanos::get);
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    Vertx vertx;
    HttpServer server;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        router.route("/api/*").handler(limit);
        router.get("/api/ping").handler(ctx -> ctx.response().end("pong"));
        router.get("/health").handler(ctx -> ctx.response().end("up"));
        router.route().failureHandler(ctx -> {
            ApiException e = (ApiException) ctx.failure();
            ctx.response().setStatusCode(e.status()).end(String.join("; ", e.problems()));
        });
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aBurstIsServedThenRefusedWithRetryAfterUntilTokensRefill() throws Exception {
        for (int i = 2; i >= 0; i--) {
            HttpResponse<String> ok = get("/api/ping");
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.headers().firstValue("RateLimit-Limit")).contains("3");
            assertThat(ok.headers().firstValue("RateLimit-Remaining")).contains(String.valueOf(i));
        }
        HttpResponse<String> refused = get("/api/ping");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).contains("1");
        assertThat(refused.headers().firstValue("RateLimit-Remaining")).contains("0");
        assertThat(refused.body()).contains("at most 3 at once and 2 per second", "retry after 1 s");
        assertThat(get("/health").statusCode()).as("health is never limited").isEqualTo(200);

        nanos.addAndGet(500_000_000L); // half a second at 2/s: one token back
        assertThat(get("/api/ping").statusCode()).isEqualTo(200);
        assertThat(get("/api/ping").statusCode()).isEqualTo(429);
        nanos.addAndGet(60_000_000_000L); // a minute idle: the bucket is full again, never above the burst
        assertThat(get("/api/ping").headers().firstValue("RateLimit-Remaining")).contains("2");
    }

    @Test
    void clientsHaveTheirOwnBucketsAndIdleOnesAreForgottenWhenTheTableIsFull() {
        ClientRateLimit small = new ClientRateLimit(new VantageConfig.RateLimit(1, 1), nanos::get, 2);
        assertThat(small.take("10.0.0.1")).isZero();
        assertThat(small.take("10.0.0.1")).as("empty: about a second to wait").isNegative();
        assertThat(small.take("10.0.0.2")).as("another client is not affected").isZero();
        assertThat(small.clients()).isEqualTo(2);
        nanos.addAndGet(5_000_000_000L); // both buckets refill: both idle
        assertThat(small.take("10.0.0.3")).isZero();
        assertThat(small.clients()).as("full buckets dropped to make room").isEqualTo(1);
        assertThat(small.take("10.0.0.3")).as("the new client's own state is kept").isNegative();
    }
}
