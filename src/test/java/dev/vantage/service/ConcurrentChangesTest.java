package dev.vantage.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vantage.config.ConfigLoader;
import dev.vantage.config.Secrets;
import dev.vantage.config.VantageConfig;
import dev.vantage.grade.Grade;
import io.vertx.core.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.JobKey;
import org.quartz.impl.matchers.GroupMatcher;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Regression for issue 15 (5): PUT racing DELETE on one target answered 500 (NoSuchElementException) and left an
 * orphan Quartz job. Here PUT, DELETE, POST (create) and a run of the same target are sent at once, 1,000 times:
 * no answer is a 500, and afterwards the targets table and Quartz name the same targets.
 */
class ConcurrentChangesTest {

    static final Secrets SECRETS = EditorClient.SECRETS;
    static final int ROUNDS = 1000;

    @TempDir
    Path dir;
    VantageService service;
    EditorClient api;

    @BeforeEach
    void setUp() throws Exception {
        String yaml = """
                server: {host: 127.0.0.1, port: 0, rate-limit: off}
                storage: {url: "jdbc:h2:file:%s"}
                probing: {allow-loopback: true}
                auth:
                  tokens:
                    - {name: ci, token: "${E}", role: editor}
                """.formatted(dir.resolve("db").toAbsolutePath());
        VantageConfig config = new ConfigLoader(SECRETS).parse(yaml, "test").config().orElseThrow();
        service = new VantageService(vertx -> (plan, checks, carried) -> Future.succeededFuture(
                SampleReports.graded(plan.target(), Instant.now(), Grade.A, 95)), SampleReports::json, SECRETS,
                "concurrent-changes");
        service.start(config).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        api = new EditorClient(service);
    }

    @AfterEach
    void tearDown() throws Exception {
        service.stop().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    @Test
    void interleavedChangesNeverAnswer500AndLeaveQuartzAndTheTableInAgreement() throws Exception {
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        for (int i = 0; i < ROUNDS; i++) {
            String body = "{\"name\":\"racy\",\"url\":\"http://127.0.0.1:9/\",\"schedule\":{\"interval\":\""
                    + (i % 2 == 0 ? "1h" : "2h") + "\"}}";
            List<CompletableFuture<HttpResponse<String>>> round = new ArrayList<>();
            round.add(send("PUT", "/api/targets/racy", body));
            round.add(send("DELETE", "/api/targets/racy", null));
            round.add(send("POST", "/api/targets", body));
            round.add(send("POST", "/api/targets/racy/run?kind=pulse", null));
            for (CompletableFuture<HttpResponse<String>> f : round) {
                HttpResponse<String> r = f.get(60, TimeUnit.SECONDS);
                statuses.merge(r.statusCode(), 1, Integer::sum);
                assertThat(r.statusCode()).as(r.request().method() + " " + r.request().uri() + ": " + r.body())
                        .isIn(200, 201, 204, 404, 409);
            }
        }
        assertThat(statuses).as("both outcomes of the race happened").containsKeys(201, 204);

        JsonNode list = new ObjectMapper().readTree(send("GET", "/api/targets", null).get(60, TimeUnit.SECONDS)
                .body());
        Set<String> stored = new TreeSet<>();
        list.forEach(t -> stored.add(t.get("name").asText()));
        for (dev.vantage.probe.RunKind kind : List.of(dev.vantage.probe.RunKind.PULSE, dev.vantage.probe.RunKind.AUDIT)) {
            assertThat(service.scheduler().scheduled(kind)).as("Quartz %s jobs vs the targets table", kind)
                    .isEqualTo(stored);
        }
    }

    CompletableFuture<HttpResponse<String>> send(String method, String path, String body) {
        return api.send(method, path, body);
    }
}
