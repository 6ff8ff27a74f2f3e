package dev.vantage.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 4's durability promise, end to end on the packaged jar: {@code vantage serve} is killed with SIGKILL in the
 * middle of a burst of API writes, restarted on the same H2 file, and must still hold every target whose creation
 * it acknowledged (201) and every result it had stored.
 */
class KillDurabilityIT {

    private static final String TOKEN_VAR = "VANTAGE_IT_EDITOR_TOKEN";
    private static final String TOKEN = "kill-durability-editor-token-0123456789";
    private static final int WRITERS = 4;
    private static final int MAX_WRITES_PER_WRITER = 150;
    /** Acknowledged creations to wait for before the kill: enough that the kill lands mid-burst. */
    private static final int KILL_AFTER = 40;
    private static final Duration START = Duration.ofSeconds(90);

    @TempDir
    Path dir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final List<Process> started = new ArrayList<>();
    private int port;

    @AfterEach
    void stopAll() throws InterruptedException {
        for (Process p : started) {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void killMinusNineDuringABurstOfWritesLosesNoAcknowledgedTargetOrResult() throws Exception {
        port = freePort();
        Path config = writeConfig();
        Process first = serve(config, "first");
        awaitReady(first, "first");

        // Acknowledged results: each 200 from /run means the result was stored before the answer.
        for (int i = 0; i < 3; i++) {
            assertThat(send("POST", "/api/targets/self-health/run", null).statusCode()).isEqualTo(200);
        }

        ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
        CountDownLatch enough = new CountDownLatch(KILL_AFTER);
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            Thread t = new Thread(() -> burst(writer, acknowledged, enough), "burst-" + w);
            t.start();
            writers.add(t);
        }
        assertThat(enough.await(60, TimeUnit.SECONDS)).as("%d creations acknowledged within 60s", KILL_AFTER)
                .isTrue();
        Set<Long> storedResults = resultIds();
        first.destroyForcibly(); // SIGKILL: no shutdown hook, no pool close, no Quartz shutdown
        assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
        for (Thread t : writers) {
            t.join(20_000);
            assertThat(t.isAlive()).as("writer %s stopped after the kill", t.getName()).isFalse();
        }
        assertThat(acknowledged.size()).as("the kill landed mid-burst").isLessThan(WRITERS * MAX_WRITES_PER_WRITER);
        assertThat(storedResults).hasSizeGreaterThanOrEqualTo(3);

        Process second = serve(config, "second");
        awaitReady(second, "second");
        Set<String> names = new HashSet<>();
        json.readTree(send("GET", "/api/targets", null).body()).forEach(t -> names.add(t.path("name").asText()));
        assertThat(names).as("targets after restart").containsAll(acknowledged).contains("self-health");
        assertThat(resultIds()).as("stored results after restart").containsAll(storedResults);
        assertThat(send("GET", "/api/targets/self-health/report", null).statusCode()).isEqualTo(200);
    }

    /** Creates targets one after another until the service stops answering or the bound is reached. */
    private void burst(int writer, ConcurrentLinkedQueue<String> acknowledged, CountDownLatch enough) {
        for (int i = 0; i < MAX_WRITES_PER_WRITER; i++) {
            String name = "burst-" + writer + "-" + i;
            // A daily cron, so the burst's targets are stored and scheduled but not probed during the test.
            String body = "{\"name\":\"" + name + "\",\"url\":\"http://127.0.0.1:" + port + "/health\","
                    + "\"schedule\":{\"cron\":\"0 0 3 * * ?\"}}";
            try {
                if (send("POST", "/api/targets", body).statusCode() == 201) {
                    acknowledged.add(name);
                    enough.countDown();
                }
            } catch (IOException killed) {
                return; // the service died with this request in flight: not acknowledged, not counted
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private Set<Long> resultIds() throws Exception {
        HttpResponse<String> r = send("GET", "/api/targets/self-health/history?limit=1000", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Set<Long> ids = new HashSet<>();
        for (JsonNode s : json.readTree(r.body())) {
            ids.add(s.path("id").asLong());
        }
        return ids;
    }

    private Path writeConfig() throws IOException {
        Path file = dir.resolve("vantage.yaml");
        Files.writeString(file, """
                server: {host: 127.0.0.1, port: %d}
                storage: {url: "jdbc:h2:file:%s"}
                probing: {allow-loopback: true}
                auth:
                  tokens:
                    - {name: it, token: "${%s}", role: editor}
                targets:
                  - name: self-health
                    url: http://127.0.0.1:%1$d/health
                    schedule: {interval: 5s}
                    timeout: 5s
                """.formatted(port, dir.resolve("data/vantage"), TOKEN_VAR));
        return file;
    }

    private Process serve(Path config, String run) throws IOException {
        String jar = System.getProperty("vantage.jar", "target/vantage.jar");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar, "serve", "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve(run + ".log").toFile()).directory(dir.toFile());
        pb.environment().put(TOKEN_VAR, TOKEN);
        Process p = pb.start();
        started.add(p);
        return p;
    }

    /** Polls /ready (database and scheduler up), bounded; fails with the process log if it exits or hangs. */
    private void awaitReady(Process p, String run) throws Exception {
        long end = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < end) {
            if (!p.isAlive()) {
                throw new AssertionError(run + " service exited " + p.exitValue() + ":\n" + log(run));
            }
            try {
                if (send("GET", "/ready", null).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            p.waitFor(200, TimeUnit.MILLISECONDS);
        }
        throw new AssertionError(run + " service not ready within " + START + ":\n" + log(run));
    }

    private String log(String run) throws IOException {
        return Files.readString(dir.resolve(run + ".log"));
    }

    private HttpResponse<String> send(String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + TOKEN)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }
}
