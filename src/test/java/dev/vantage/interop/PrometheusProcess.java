package dev.vantage.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A real Prometheus server (Debian's {@code prometheus} package) run as a child process on a loopback port with its
 * own storage directory, plus the small part of its HTTP API and of promtool the interop test needs.
 */
public final class PrometheusProcess implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final Path log;
    private final int port;

    private PrometheusProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** The binary on PATH or in /usr/bin, if installed. */
    /**
     * Writes a copy of the shipped scrape config that differs only where a test must: the scrape address, the
     * scrape and evaluation intervals, and the rule file path (made absolute, since the copy lives elsewhere).
     */
    static Path deriveConfig(Path shipped, Path into, String scrapeAddress, String interval) throws IOException {
        return deriveConfig(shipped, into, java.util.List.of(scrapeAddress), interval);
    }

    /** As above, scraping every node of a cluster in the one job, as docs/deployment.md says to. */
    public static Path deriveConfig(Path shipped, Path into, java.util.List<String> scrapeAddresses, String interval)
            throws IOException {
        ObjectNode root = (ObjectNode) YAML.readTree(shipped.toFile());
        ObjectNode global = (ObjectNode) root.get("global");
        global.put("scrape_interval", interval);
        global.put("evaluation_interval", interval);
        ArrayNode rules = root.putArray("rule_files");
        for (JsonNode rule : (ArrayNode) YAML.readTree(shipped.toFile()).get("rule_files")) {
            rules.add(shipped.toAbsolutePath().getParent().resolve(rule.asText()).toString());
        }
        JsonNode jobs = root.get("scrape_configs");
        if (jobs.size() != 1) {
            throw new IllegalStateException("expected one scrape job in " + shipped + ", found " + jobs.size());
        }
        ArrayNode targets = ((ObjectNode) jobs.get(0).get("static_configs").get(0)).putArray("targets");
        scrapeAddresses.forEach(targets::add);
        Path file = into.resolve("prometheus.yml");
        YAML.writeValue(file.toFile(), root);
        return file;
    }

    public static PrometheusProcess start(Path binary, Path config, Path dir, int port) throws IOException {
        Path log = dir.resolve("prometheus.log");
        Process p = new ProcessBuilder(binary.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new PrometheusProcess(p, log, port);
    }

    /** Polls until Prometheus says it is ready; fails with its log if it exits or takes too long. */
    public void awaitReady(Duration within) throws Exception {
        awaitTrue(within, () -> "Prometheus ready on port " + port, () -> {
            HttpResponse<String> r = HTTP.send(request("/-/ready"), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200;
        });
    }

    /** An instant query; the whole API answer ({@code status}, {@code data.result} or {@code error}). */
    JsonNode query(String promql) throws IOException, InterruptedException {
        return get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    }

    JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(request(pathAndQuery), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    /** Polls a query until its answer satisfies the condition; returns that answer or fails with the last one. */
    public JsonNode awaitQuery(String promql, Predicate<JsonNode> condition, Duration within) throws Exception {
        return awaitGet("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8), condition, within);
    }

    /** Polls an API path until its answer satisfies the condition; returns that answer or fails with the last one. */
    JsonNode awaitGet(String pathAndQuery, Predicate<JsonNode> condition, Duration within) throws Exception {
        JsonNode[] last = new JsonNode[1];
        awaitTrue(within, () -> pathAndQuery + " to satisfy the condition (last answer: " + last[0] + ")", () -> {
            last[0] = get(pathAndQuery);
            return condition.test(last[0]);
        });
        return last[0];
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    interface Check {
        boolean ok() throws Exception;
    }

    private void awaitTrue(Duration within, Supplier<String> what, Check check) throws Exception {
        long end = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IllegalStateException("prometheus exited (" + process.exitValue() + "): " + log());
            }
            try {
                if (check.ok()) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            process.waitFor(200, TimeUnit.MILLISECONDS);
        }
        throw new AssertionError("timed out after " + within + " waiting for " + what.get() + "\n" + log());
    }

    private HttpRequest request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .timeout(Duration.ofSeconds(5)).build();
    }

    /** Runs promtool with the given arguments and stdin; exit code and combined output, bounded to 30 s. */
    record ToolRun(int exit, String output) {
        static ToolRun of(Path promtool, byte[] stdin, Path dir, String... args) throws Exception {
            List<String> cmd = Stream.concat(Stream.of(promtool.toString()), Stream.of(args)).toList();
            Path out = Files.createTempFile(dir, "promtool", ".txt");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            try (var in = p.getOutputStream()) {
                in.write(stdin);
            }
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("promtool did not finish within 30s: " + cmd);
            }
            return new ToolRun(p.exitValue(), Files.readString(out));
        }
    }
}
