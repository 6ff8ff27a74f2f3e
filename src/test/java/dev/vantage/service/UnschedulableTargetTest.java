package dev.vantage.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vantage.config.ConfigLoader;
import dev.vantage.config.Schedule;
import dev.vantage.config.Secrets;
import dev.vantage.config.TargetSpec;
import dev.vantage.config.VantageConfig;
import dev.vantage.store.Database;
import dev.vantage.store.StoredTarget;
import dev.vantage.store.TargetRepository;
import io.vertx.core.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Regression for issue 15 (4): a stored cron that never fires (31 February) made the service hang at start and exit
 * 4 after 120 s. Now the service starts, skips that target, logs it and lists it under {@code /ready}.
 */
class UnschedulableTargetTest {

    @TempDir
    Path dir;

    @Test
    void aStoredTargetThatCannotBeScheduledIsSkippedAndShownInReady() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath();
        // As an older version or a hand edit could have left it: straight into the table, past the validation.
        try (Database db = Database.open(new VantageConfig.Storage(url, java.util.Optional.empty(),
                java.util.Optional.empty(), Duration.ofDays(30), false))) {
            new TargetRepository(db.dataSource()).insert(TargetSpec.of("never", URI.create("http://127.0.0.1:9/"),
                    Schedule.cron("0 0 0 31 2 ?")), StoredTarget.Source.API);
        }
        String yaml = """
                server: {host: 127.0.0.1, port: 0}
                storage: {url: "%s"}
                targets:
                  - {name: fine, url: "http://127.0.0.1:9/", schedule: {interval: 1h}}
                """.formatted(url);
        VantageConfig config = new ConfigLoader(new Secrets(Map.<String, String>of()::get)).parse(yaml, "test")
                .config().orElseThrow();
        VantageService service = new VantageService(vertx -> (plan, checks, carried) -> Future.succeededFuture(
                SampleReports.graded(plan.target(), Instant.now(), dev.vantage.grade.Grade.A, 95)),
                SampleReports::json, new Secrets(Map.<String, String>of()::get), "unschedulable");
        try {
            service.start(config).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
            HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + service.port() + "/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).as("the other targets still run: the node is ready").isEqualTo(200);
            JsonNode body = new ObjectMapper().readTree(ready.body());
            assertThat(body.at("/unscheduled/never").asText()).contains("never");
            assertThat(body.at("/unscheduled/fine").isMissingNode()).isTrue();
        } finally {
            service.stop().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        }
    }
}
