package dev.vantage.cluster;

import com.sun.net.httpserver.HttpServer;
import dev.vantage.fixtures.RequiredTool;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * A Vantage cluster on this machine: one embedded PostgreSQL, N {@code vantage serve} nodes (separate JVMs of the
 * packaged jar, {@code storage.clustered: true}, each on its own port) and one loopback HTTP site whose paths are
 * the targets (it counts the requests per path, so a test can tell who is still probing). Helpers kill -9 and
 * restart nodes, restart PostgreSQL on its port and data directory, call any node's API and query the database.
 */
final class ClusterHarness implements AutoCloseable {

    static final String TOKEN_VAR = "VANTAGE_CLUSTER_EDITOR_TOKEN";
    static final String TOKEN = "cluster-it-editor-token-0123456789abcdef";
    private static final Duration START = Duration.ofSeconds(120);

    private final Path dir;
    private final int pgPort;
    private final List<Node> nodes = new ArrayList<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private EmbeddedPostgres pg;
    private HttpServer site;

    /** One node: its HTTP port, its process (null while down) and its log. */
    static final class Node {
        final String name;
        final int port;
        final Path log;
        Process process;

        Node(String name, int port, Path log) {
            this.name = name;
            this.port = port;
            this.log = log;
        }
    }

    private ClusterHarness(Path dir, int pgPort) {
        this.dir = dir;
        this.pgPort = pgPort;
    }

    /**
     * Starts PostgreSQL, the site and {@code nodes} nodes whose shared config file defines {@code targets} targets
     * ({@code t00}, {@code t01}, …) probed every {@code interval}; returns once every node answers /ready.
     */
    static ClusterHarness start(Path dir, int nodes, int targets, Duration interval) throws Exception {
        ClusterHarness h = new ClusterHarness(dir, freePort());
        try {
            h.startPostgres();
            h.startSite();
            Path config = h.writeConfig(targets, interval);
            for (int i = 0; i < nodes; i++) {
                Node n = new Node("node" + i, freePort(), dir.resolve("node" + i + ".log"));
                h.nodes.add(n);
            }
            for (Node n : h.nodes) {
                h.launch(n, config);
            }
            for (int i = 0; i < nodes; i++) {
                h.awaitReady(i);
            }
            return h;
        } catch (Exception | Error e) {
            h.close();
            throw e;
        }
    }

    static String targetName(int i) {
        return "t%02d".formatted(i);
    }

    String siteUrl(String path) {
        return "http://127.0.0.1:" + site.getAddress().getPort() + path;
    }

    List<Node> nodes() {
        return nodes;
    }

    /** Requests the site has answered for {@code path} so far. */
    int hits(String path) {
        return hits.computeIfAbsent(path, p -> new AtomicInteger()).get();
    }

    /** SIGKILL: no shutdown hook, no Quartz shutdown, no pool close. */
    void kill(int i) throws InterruptedException {
        Node n = nodes.get(i);
        n.process.destroyForcibly();
        if (!n.process.waitFor(10, TimeUnit.SECONDS)) {
            throw new AssertionError(n.name + " survived SIGKILL");
        }
        n.process = null;
    }

    /** SIGTERM, as a rolling restart or a service manager stops a node: its shutdown hook runs; waits for the exit. */
    void stop(int i) throws InterruptedException {
        Node n = nodes.get(i);
        n.process.destroy();
        if (!n.process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError(n.name + " did not stop within 60 s of SIGTERM:\n" + logs());
        }
        n.process = null;
    }

    /** Starts a stopped node again on its port with the shared config, and waits for /ready. */
    void restart(int i) throws Exception {
        launch(nodes.get(i), dir.resolve("vantage.yaml"));
        awaitReady(i);
    }

    /** Stops PostgreSQL (fast shutdown: connections are cut) and keeps its data directory. */
    void stopPostgres() throws IOException {
        pg.close();
        pg = null;
    }

    /** Starts PostgreSQL again on the same port and data directory. */
    void startPostgres() throws IOException {
        try {
            pg = EmbeddedPostgres.builder().setPort(pgPort).setDataDirectory(dir.resolve("pgdata"))
                    .setCleanDataDirectory(false).setServerConfig("max_connections", "100")
                    .setPGStartupWait(Duration.ofSeconds(60)).start();
        } catch (IOException | RuntimeException | Error e) {
            RequiredTool.require(false, "embedded PostgreSQL could not start here: " + e);
        }
    }

    DataSource database() {
        return pg.getPostgresDatabase();
    }

    /** Runs a query and maps each row. */
    <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) throws SQLException {
        try (Connection c = database().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<T> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
            }
            return out;
        }
    }

    /** One row of a query result to a value. */
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    HttpResponse<String> send(int node, String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + nodes.get(node).port + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + TOKEN)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The status of a GET, or -1 when the node does not answer. */
    int status(int node, String path) {
        try {
            return send(node, "GET", path, null).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /**
     * Polls {@code condition} every 200 ms until it holds or {@code limit} passes (then fails naming {@code what},
     * with the tail of every node's log). Polling, not sleeping: it returns as soon as the cluster got there.
     */
    void await(String what, Duration limit, BooleanSupplier condition) throws Exception {
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        throw new AssertionError(what + " did not happen within " + limit + "\n" + logs());
    }

    void awaitReady(int i) throws Exception {
        Node n = nodes.get(i);
        long end = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < end) {
            if (n.process == null || !n.process.isAlive()) {
                throw new AssertionError(n.name + " exited:\n" + Files.readString(n.log));
            }
            if (status(i, "/ready") == 200) {
                return;
            }
            n.process.waitFor(200, TimeUnit.MILLISECONDS);
        }
        throw new AssertionError(n.name + " not ready within " + START + ":\n" + Files.readString(n.log));
    }

    String logs() {
        StringBuilder out = new StringBuilder();
        for (Node n : nodes) {
            try {
                List<String> lines = Files.readAllLines(n.log);
                out.append("--- ").append(n.name).append(" (last 30 lines)\n")
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())))
                        .append('\n');
            } catch (IOException e) {
                out.append("--- ").append(n.name).append(": no log\n");
            }
        }
        return out.toString();
    }

    private void startSite() throws IOException {
        site = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        site.createContext("/", ex -> {
            hits.computeIfAbsent(ex.getRequestURI().getPath(), p -> new AtomicInteger()).incrementAndGet();
            byte[] body = "ok\n".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/plain");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(body);
            }
        });
        site.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        site.start();
    }

    /** The config every node shares; each node's copy differs only in {@code server.port} (see launch). */
    private Path writeConfig(int targets, Duration interval) throws IOException {
        StringBuilder t = new StringBuilder();
        for (int i = 0; i < targets; i++) {
            // One check, so the first audit of each target costs one request too (docs/probes.md).
            t.append("""
                      - name: %s
                        url: %s
                        schedule: {interval: %ds}
                        timeout: 3s
                        checks: {enable: [reliability.page-status]}
                    """.formatted(targetName(i), siteUrl("/" + targetName(i)), interval.toSeconds()));
        }
        Path file = dir.resolve("vantage.yaml");
        Files.writeString(file, """
                server: {host: 127.0.0.1, port: PORT, rate-limit: off}
                storage:
                  url: "jdbc:postgresql://127.0.0.1:%d/postgres"
                  user: postgres
                  clustered: true
                probing: {allow-loopback: true}
                auth:
                  tokens:
                    - {name: it, token: "${%s}", role: editor}
                targets:
                %s""".formatted(pgPort, TOKEN_VAR, t));
        return file;
    }

    private void launch(Node n, Path sharedConfig) throws IOException {
        Path config = dir.resolve(n.name + ".yaml");
        Files.writeString(config, Files.readString(sharedConfig).replace("port: PORT", "port: " + n.port));
        String jar = System.getProperty("vantage.jar", "target/vantage.jar");
        // Small heaps and the C1 compiler: three JVMs and PostgreSQL share two cores.
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", Path.of(jar).toAbsolutePath()
                .toString(), "serve", "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(n.log.toFile()))
                .directory(dir.toFile());
        pb.environment().put(TOKEN_VAR, TOKEN);
        n.process = pb.start();
    }

    @Override
    public void close() throws Exception {
        for (Node n : nodes) {
            if (n.process != null) {
                n.process.destroy();
            }
        }
        for (Node n : nodes) {
            if (n.process != null && !n.process.waitFor(30, TimeUnit.SECONDS)) {
                n.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (site != null) {
            site.stop(0);
            ((java.util.concurrent.ExecutorService) site.getExecutor()).shutdownNow();
        }
        if (pg != null) {
            pg.close();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }
}
