package dev.vantage.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vantage.fixtures.RequiredTool;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real Alertmanager (Debian's {@code prometheus-alertmanager}, installed by .ci/run) receives Vantage's open and
 * resolve of one incident, twice each as a retry after a lost answer would send them, and routes them to a loopback
 * webhook receiver: one firing and one resolved notification arrive, no duplicate; a repeat of the firing alert in
 * between moves its end and notifies nobody.
 */
class AlertmanagerIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    Vertx vertx;
    Process alertmanager;
    final List<JsonNode> routed = new CopyOnWriteArrayList<>();
    final CompletableFuture<JsonNode> firing = new CompletableFuture<>();
    final CompletableFuture<JsonNode> resolved = new CompletableFuture<>();

    @BeforeEach
    void start() throws Exception {
        Path binary = RequiredTool.binary("prometheus-alertmanager", "apt-get install -y prometheus-alertmanager");
        vertx = Vertx.vertx();
        int receiver = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b -> {
            JsonNode n = parse(b.toString());
            routed.add(n);
            (n.path("status").asText().equals("resolved") ? resolved : firing).complete(n);
            req.response().end();
        })).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS).actualPort();
        Path config = dir.resolve("alertmanager.yml");
        Files.writeString(config, """
                route:
                  receiver: hook
                  group_by: [incident]
                  group_wait: 0s
                  group_interval: 1s
                  repeat_interval: 1h
                receivers:
                  - name: hook
                    webhook_configs:
                      - url: http://127.0.0.1:%d/routed
                        send_resolved: true
                """.formatted(receiver));
        int port = freePort();
        alertmanager = new ProcessBuilder(binary.toString(), "--config.file=" + config,
                "--storage.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=").redirectErrorStream(true)
                .redirectOutput(dir.resolve("alertmanager.log").toFile()).start();
        awaitReady(port);
        this.port = port;
    }

    int port;

    @AfterEach
    void stop() throws Exception {
        if (alertmanager != null) {
            alertmanager.destroy();
            if (!alertmanager.waitFor(10, TimeUnit.SECONDS)) {
                alertmanager.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        if (vertx != null) {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void anIncidentOpensAndResolvesOnceInAlertmanager() throws Exception {
        List<DeliveryLog.Attempt> attempts = new CopyOnWriteArrayList<>();
        Delivery delivery = new Delivery(Sender.webClient(vertx), Timers.of(vertx), a -> {
            attempts.add(a);
            return io.vertx.core.Future.succeededFuture();
        }, new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(1)), Duration.ofSeconds(5),
                Clock.systemUTC(), Math::random);
        Channel am = new AlertmanagerChannel("am", URI.create("http://127.0.0.1:" + port));
        Instant opened = Instant.now().minusSeconds(180);
        Notification open = new Notification(Notification.Event.OPENED, "inc-a1b2c3", "shop", "down", "",
                "shop is down", "3 consecutive pulses failed; the last: REFUSED", opened, Optional.empty(),
                Optional.empty());
        assertThat(delivery.deliver(am, open).await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(delivery.deliver(am, open).await(30, TimeUnit.SECONDS)).as("the same open, sent again").isTrue();
        JsonNode fired = firing.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(fired.path("alerts")).singleElement().satisfies(a -> {
            assertThat(a.path("labels").path("incident").asText()).isEqualTo("inc-a1b2c3");
            assertThat(a.path("labels").path("target").asText()).isEqualTo("shop");
            assertThat(a.path("annotations").path("summary").asText()).isEqualTo("shop is down");
        });

        // A minute later the repeater tells Alertmanager it is still firing: the same alert with a later end, and no
        // second notification (the route's repeat_interval is an hour).
        Clock later = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(2));
        AlertRepeater repeater = new AlertRepeater(List.of((AlertmanagerChannel) am), Sender.webClient(vertx),
                Duration.ofSeconds(5), later, () -> io.vertx.core.Future.succeededFuture(List.of(open)));
        assertThat(repeater.repeatOnce().await(30, TimeUnit.SECONDS)).isEqualTo(1);
        JsonNode active = activeAlerts();
        assertThat(active).singleElement().satisfies(a -> {
            assertThat(a.path("labels").path("incident").asText()).isEqualTo("inc-a1b2c3");
            assertThat(a.path("status").path("state").asText()).isEqualTo("active");
            assertThat(Instant.parse(a.path("endsAt").asText())).as("the end moved with the repeat")
                    .isAfter(Instant.now().plus(Duration.ofMinutes(6)));
        });

        Notification resolve = new Notification(Notification.Event.RESOLVED, "inc-a1b2c3", "shop", "down", "",
                "shop is down", open.evidence(), opened, Optional.of(Instant.now()),
                Optional.of("2 consecutive pulses succeeded"));
        assertThat(delivery.deliver(am, resolve).await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(delivery.deliver(am, resolve).await(30, TimeUnit.SECONDS)).isTrue();
        JsonNode done = resolved.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(done.path("alerts")).singleElement().satisfies(a ->
                assertThat(a.path("labels").path("incident").asText()).isEqualTo("inc-a1b2c3"));
        assertThat(routed).as("one firing, then one resolved: no duplicate").extracting(n -> n.path("status").asText())
                .containsExactly("firing", "resolved");
        assertThat(attempts).hasSize(4).allMatch(DeliveryLog.Attempt::success);
    }

    private JsonNode activeAlerts() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + port + "/api/v2/alerts?active=true")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return parse(r.body());
    }

    private void awaitReady(int port) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long end = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < end) {
            if (!alertmanager.isAlive()) {
                throw new IllegalStateException("alertmanager exited: " + Files.readString(dir.resolve("alertmanager.log")));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/-/ready")).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            alertmanager.waitFor(200, TimeUnit.MILLISECONDS);
        }
        throw new AssertionError("alertmanager not ready: " + Files.readString(dir.resolve("alertmanager.log")));
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }
}
