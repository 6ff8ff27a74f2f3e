package dev.vantage.api;

import com.sun.net.httpserver.HttpServer;
import dev.vantage.config.ConfigLoader;
import dev.vantage.config.Schedule;
import dev.vantage.config.Secrets;
import dev.vantage.config.TargetSpec;
import dev.vantage.config.VantageConfig;
import dev.vantage.fixtures.TestPki;
import dev.vantage.pipeline.ProbePipeline;
import dev.vantage.service.SampleReports;
import dev.vantage.service.VantageService;
import dev.vantage.store.Database;
import dev.vantage.store.StoredTarget;
import dev.vantage.store.TargetRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15: an editor must not make the service send its own secrets to a URL of the editor's choosing. A loopback
 * receiver records every byte the real probe pipeline sends it; secret references and CA paths sent through the API
 * are refused, a reference stored by an older version is refused again at probe time, and the secrets never arrive.
 */
class ApiSecretsTest {

    private static final String EDITOR = "editor-token-0123456789";
    private static final String ENV_SECRET = "env-secret-7f3a9c1e5b";
    private static final String FILE_SECRET = "file-secret-4d2b8e6a0c";
    private static final AtomicInteger NAMES = new AtomicInteger();

    @TempDir
    Path dir;
    Path secretFile;
    Path caDir;
    HttpServer receiver;
    final ByteArrayOutputStream received = new ByteArrayOutputStream();
    final AtomicInteger requests = new AtomicInteger();
    VantageService service;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** The service's environment: the editor token and a secret an editor would love to read. */
    final Secrets secrets = new Secrets(Map.of("E", EDITOR, "VANTAGE_TEST_SECRET", ENV_SECRET)::get);

    @BeforeEach
    void setUp() throws Exception {
        secretFile = Files.writeString(dir.resolve("secret.txt"), FILE_SECRET + "\n");
        caDir = Files.createDirectories(dir.resolve("ca"));
        TestPki.newCa("Internal CA").writeCaPem(caDir.resolve("internal.pem"));
        Files.createSymbolicLink(caDir.resolve("escape.pem"), secretFile);
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        receiver.createContext("/", exchange -> {
            requests.incrementAndGet();
            StringBuilder head = new StringBuilder(exchange.getRequestMethod() + " " + exchange.getRequestURI() + "\n");
            exchange.getRequestHeaders().forEach((k, v) -> head.append(k).append(": ").append(v).append('\n'));
            byte[] body = exchange.getRequestBody().readNBytes(64 * 1024);
            synchronized (received) {
                received.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
                received.writeBytes(body);
            }
            exchange.sendResponseHeaders(200, 3);
            exchange.getResponseBody().write("ok\n".getBytes(StandardCharsets.US_ASCII));
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void tearDown() {
        if (service != null) {
            service.stop().toCompletionStage().toCompletableFuture().orTimeout(60, TimeUnit.SECONDS).join();
        }
        receiver.stop(0);
    }

    private VantageConfig config() {
        String yaml = """
                server: {host: 127.0.0.1, port: 0}
                storage: {url: "jdbc:h2:file:%s"}
                probing: {allow-loopback: true, ca-dir: "%s"}
                auth:
                  tokens:
                    - {name: ci, token: "${E}", role: editor}
                """.formatted(dir.resolve("db").toAbsolutePath(), caDir);
        return new ConfigLoader(secrets).parse(yaml, "test").config().orElseThrow();
    }

    private void start() {
        service = new VantageService(ProbePipeline::new, SampleReports::json, secrets,
                "api-secrets-" + NAMES.incrementAndGet());
        service.start(config()).toCompletionStage().toCompletableFuture().orTimeout(60, TimeUnit.SECONDS).join();
    }

    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + EDITOR)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String target(String name, String extra) {
        return "{\"name\":\"" + name + "\",\"url\":\"http://127.0.0.1:" + receiver.getAddress().getPort()
                + "/\",\"schedule\":{\"interval\":\"1h\"},\"timeout\":\"5s\"" + extra + "}";
    }

    private String receivedText() {
        synchronized (received) {
            return received.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void secretReferencesAndForeignCaFilesAreRefusedAndNeverReachTheReceiver() throws Exception {
        start();
        var envHeader = call("POST", "/api/targets", target("env", ",\"headers\":{\"X-Leak\":\"${VANTAGE_TEST_SECRET}\"}"));
        assertThat(envHeader.statusCode()).isEqualTo(400);
        assertThat(envHeader.body()).contains("headers.X-Leak: a secret reference",
                "resolved only in the config file").doesNotContain(ENV_SECRET);
        var fileHeader = call("POST", "/api/targets", target("file", ",\"headers\":{\"Authorization\":\"file:"
                + secretFile + "\"}"));
        assertThat(fileHeader.statusCode()).isEqualTo(400);
        assertThat(fileHeader.body()).contains("headers.Authorization: a secret reference")
                .doesNotContain(FILE_SECRET);
        for (String ca : List.of(secretFile.toString(), "../secret.txt", "escape.pem", "/proc/self/environ")) {
            var caFile = call("POST", "/api/targets", target("ca", ",\"ca-file\":\"" + ca + "\""));
            assertThat(caFile.statusCode()).as(ca).isEqualTo(400);
            assertThat(caFile.body()).as(ca).contains("ca-file: ").contains("probing.ca-dir")
                    .doesNotContain(FILE_SECRET);
        }

        // An ordinary target may change, but not into one that names a secret; what is stored stays as it was.
        assertThat(call("POST", "/api/targets", target("plain", ",\"headers\":{\"X-Plain\":\"literal-visible\"},"
                + "\"ca-file\":\"internal.pem\"")).statusCode()).isEqualTo(201);
        var put = call("PUT", "/api/targets/plain", target("plain", ",\"headers\":{\"X-Plain\":\"${E}\"}"));
        assertThat(put.statusCode()).isEqualTo(400);
        assertThat(call("GET", "/api/targets/plain", null).body()).contains("literal-visible")
                .contains(caDir.toRealPath().resolve("internal.pem").toString().replace("\\", "\\\\"));
        assertThat(call("GET", "/api/targets", null).body()).doesNotContain("\"name\":\"env\"", "\"name\":\"file\"",
                "\"name\":\"ca\"");

        // The receiver hears the probe (so the assertions below could fail) but never a secret.
        assertThat(call("POST", "/api/targets/plain/run", null).statusCode()).isEqualTo(200);
        assertThat(receivedText()).contains("X-plain: [literal-visible]");
        assertThat(receivedText()).doesNotContain(ENV_SECRET, FILE_SECRET, EDITOR);
    }

    @Test
    void aReferenceStoredByAnOlderVersionIsRefusedAtProbeTimeWith409() throws Exception {
        // Rows an earlier version accepted through the API, written before the service starts (and schedules them).
        try (Database db = Database.open(config().storage())) {
            TargetRepository rows = new TargetRepository(db.dataSource());
            URI url = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/");
            rows.insert(spec("old-env", url, Map.of("X-Leak", "${VANTAGE_TEST_SECRET}"), Optional.empty()),
                    StoredTarget.Source.API);
            rows.insert(spec("old-file", url, Map.of("X-Leak", "file:" + secretFile), Optional.empty()),
                    StoredTarget.Source.API);
            rows.insert(spec("old-ca", url, Map.of(), Optional.of(secretFile)), StoredTarget.Source.API);
        }
        start();
        for (String name : List.of("old-env", "old-file", "old-ca")) {
            var run = call("POST", "/api/targets/" + name + "/run", null);
            assertThat(run.statusCode()).as(name).isEqualTo(409);
            assertThat(run.body()).as(name).contains("target \\\"" + name + "\\\" cannot be probed")
                    .doesNotContain(ENV_SECRET, FILE_SECRET);
        }
        assertThat(call("POST", "/api/targets/old-env/run", null).body()).contains("headers.X-Leak",
                "resolved only in the config file");
        assertThat(call("POST", "/api/targets/old-ca/run", null).body()).contains("ca-file: ",
                "not a file inside probing.ca-dir");
        assertThat(receivedText()).doesNotContain(ENV_SECRET, FILE_SECRET);
        assertThat(requests.get()).as("nothing was sent for a refused target").isZero();
    }

    private static TargetSpec spec(String name, URI url, Map<String, String> headers, Optional<Path> ca) {
        return new TargetSpec(name, url, Schedule.every(Duration.ofHours(1)), List.of(), List.of(),
                Optional.of(Duration.ofSeconds(5)), new HashMap<>(headers), ca, Map.of(), Optional.empty(), Map.of(),
                Optional.empty());
    }
}
