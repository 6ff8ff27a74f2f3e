package dev.vantage.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class AlertRepeaterTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    final List<OutboundRequest> sent = new CopyOnWriteArrayList<>();
    final AlertmanagerChannel am = new AlertmanagerChannel("am", URI.create("http://127.0.0.1:9093"));
    final AlertmanagerChannel second = new AlertmanagerChannel("am2", URI.create("http://127.0.0.1:9094/"));

    @Test
    void repeatsEveryFiringIncidentToEveryAlertmanagerWithAnEndFiveMinutesAhead() throws Exception {
        AlertRepeater repeater = new AlertRepeater(List.of(am, second), answering(200), Duration.ofSeconds(5), CLOCK,
                () -> Future.succeededFuture(List.of(open("inc-1", "shop"), open("inc-2", "blog"))));

        assertThat(repeater.repeatOnce().await()).isEqualTo(2);

        assertThat(sent).extracting(r -> r.url().toString())
                .containsExactlyInAnyOrder("http://127.0.0.1:9093/api/v2/alerts", "http://127.0.0.1:9094/api/v2/alerts");
        JsonNode alerts = JSON.readTree(sent.get(0).body());
        assertThat(alerts).hasSize(2);
        assertThat(alerts).extracting(a -> a.path("labels").path("incident").asText())
                .containsExactly("inc-1", "inc-2");
        assertThat(alerts).allSatisfy(a -> {
            assertThat(a.path("endsAt").asText()).isEqualTo("2026-11-30T12:05:00Z");
            assertThat(a.path("startsAt").asText()).isEqualTo("2026-11-30T11:00:00Z");
        });
    }

    @Test
    void splitsALongListIntoRequestsOfAtMostOneBatch() throws Exception {
        List<Notification> many = IntStream.range(0, AlertRepeater.BATCH * 2 + 1)
                .mapToObj(i -> open("inc-" + i, "t" + i)).toList();
        AlertRepeater repeater = new AlertRepeater(List.of(am), answering(200), Duration.ofSeconds(5), CLOCK,
                () -> Future.succeededFuture(many));

        assertThat(repeater.repeatOnce().await()).isEqualTo(3);

        assertThat(sent).extracting(r -> JSON.readTree(r.body()).size())
                .containsExactly(AlertRepeater.BATCH, AlertRepeater.BATCH, 1);
    }

    @Test
    void aReceiverThatFailsOrRefusesCostsNothingButItsOwnRequest() throws Exception {
        Sender broken = (request, timeout) -> {
            sent.add(request);
            return request.url().getPort() == 9093 ? Future.failedFuture(new java.net.ConnectException("refused"))
                    : Future.succeededFuture(500);
        };
        AlertRepeater repeater = new AlertRepeater(List.of(am, second), broken, Duration.ofSeconds(5), CLOCK,
                () -> Future.succeededFuture(List.of(open("inc-1", "shop"))));

        assertThat(repeater.repeatOnce().await()).isZero();
        assertThat(sent).hasSize(2);
    }

    @Test
    void aFailedReadOfTheOpenIncidentsIsLoggedNotThrown() throws Exception {
        AlertRepeater repeater = new AlertRepeater(List.of(am), answering(200), Duration.ofSeconds(5), CLOCK,
                () -> Future.failedFuture(new IllegalStateException("database down")));

        assertThat(repeater.repeatOnce().await()).isZero();
        assertThat(sent).isEmpty();
    }

    @Test
    void aRoundStillRunningMakesTheNextOneANoOp() throws Exception {
        Promise<Integer> hanging = Promise.promise();
        Sender slow = (request, timeout) -> {
            sent.add(request);
            return hanging.future();
        };
        AtomicInteger reads = new AtomicInteger();
        AlertRepeater repeater = new AlertRepeater(List.of(am), slow, Duration.ofSeconds(5), CLOCK, () -> {
            reads.incrementAndGet();
            return Future.succeededFuture(List.of(open("inc-1", "shop")));
        });

        Future<Integer> first = repeater.repeatOnce();
        assertThat(repeater.repeatOnce().await()).isZero();
        assertThat(reads).hasValue(1);

        hanging.complete(200);
        assertThat(first.await()).isEqualTo(1);
        assertThat(repeater.repeatOnce().await()).as("the next round runs once the first ended").isEqualTo(1);
        assertThat(reads).hasValue(2);
    }

    @Test
    void withoutAlertmanagerNothingIsRead() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        AlertRepeater repeater = new AlertRepeater(List.of(), answering(200), Duration.ofSeconds(5), CLOCK, () -> {
            reads.incrementAndGet();
            return Future.succeededFuture(List.of());
        });

        assertThat(repeater.repeatOnce().await()).isZero();
        assertThat(reads).hasValue(0);
    }

    private Sender answering(int status) {
        return (request, timeout) -> {
            sent.add(request);
            return Future.succeededFuture(status);
        };
    }

    static Notification open(String id, String target) {
        return new Notification(Notification.Event.OPENED, id, target, "down", "", target + " is down",
                "3 consecutive pulses failed", NOW.minus(Duration.ofHours(1)), Optional.empty(), Optional.empty());
    }
}
