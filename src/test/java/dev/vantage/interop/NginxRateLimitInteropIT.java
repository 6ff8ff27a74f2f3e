package dev.vantage.interop;

import dev.vantage.check.Finding;
import dev.vantage.check.Verdict;
import dev.vantage.check.ratelimit.RateLimitCheck;
import dev.vantage.check.ratelimit.RateLimitRecoveryCheck;
import dev.vantage.probe.ProbeOptions;
import dev.vantage.probe.SiteEvidence;
import dev.vantage.probe.SiteProber;
import dev.vantage.probe.ratelimit.RateLimitEvidence;
import dev.vantage.probe.ratelimit.RateLimitEvidence.SignalKind;
import dev.vantage.probe.ratelimit.RateLimitSettings;
import dev.vantage.fixtures.RequiredTool;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rate-limit burst against a real nginx with {@code limit_req} (Debian's package, installed by .ci/run),
 * started here as a foreground process on a free loopback port with its own prefix and configuration.
 * Skipped, saying so, when no nginx binary is found; failed instead in CI ({@link RequiredTool}).
 */
class NginxRateLimitInteropIT {

    @TempDir
    static Path prefix;
    static Process nginx;
    static int port;
    static Vertx vertx;

    @BeforeAll
    static void startNginx() throws Exception {
        Path binary = RequiredTool.binary("nginx", "apt-get install -y nginx");
        port = freePort();
        Files.createDirectories(prefix.resolve("www"));
        Files.createDirectories(prefix.resolve("logs"));
        for (String name : List.of("login", "search", "open")) {
            Files.writeString(prefix.resolve("www").resolve(name), "ok\n");
        }
        Files.writeString(prefix.resolve("www").resolve("index.html"), "<html><body>home</body></html>\n");
        Path conf = prefix.resolve("nginx.conf");
        Files.writeString(conf, config(prefix, port));
        nginx = new ProcessBuilder(binary.toString(), "-p", prefix.toString(), "-c", conf.toString(),
                "-e", prefix.resolve("logs/error.log").toString())
                .redirectErrorStream(true).redirectOutput(prefix.resolve("logs/stdout.log").toFile()).start();
        awaitListening(port, Duration.ofSeconds(10));
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopNginx() throws Exception {
        if (vertx != null) {
            vertx.close().await();
        }
        if (nginx != null) {
            nginx.destroy();
            if (!nginx.waitFor(10, TimeUnit.SECONDS)) {
                nginx.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * /login: 2 r/s, burst 5, rejected with 429 + Retry-After (the usual error_page recipe). /search: nginx's
     * default rejection, a bare 503. /open: no limit.
     */
    static String config(Path prefix, int port) {
        String p = prefix.toString();
        return """
                daemon off;
                master_process off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/logs/error.log warn;
                events { worker_connections 128; }
                http {
                    access_log %1$s/logs/access.log;
                    client_body_temp_path %1$s/tmp_body;
                    proxy_temp_path %1$s/tmp_proxy;
                    fastcgi_temp_path %1$s/tmp_fastcgi;
                    uwsgi_temp_path %1$s/tmp_uwsgi;
                    scgi_temp_path %1$s/tmp_scgi;
                    default_type text/plain;
                    limit_req_zone $binary_remote_addr zone=login:1m rate=2r/s;
                    limit_req_zone $binary_remote_addr zone=search:1m rate=2r/s;
                    server {
                        listen 127.0.0.1:%2$d;
                        root %1$s/www;
                        location = /login {
                            limit_req zone=login burst=5 nodelay;
                            limit_req_status 429;
                            error_page 429 = @throttled;
                        }
                        location = /search {
                            limit_req zone=search burst=3 nodelay;
                        }
                        location @throttled {
                            add_header Retry-After 1 always;
                            return 429 "too many requests\\n";
                        }
                    }
                }
                """.formatted(p, port);
    }

    static SiteEvidence probe(RateLimitSettings settings) throws Exception {
        ProbeOptions options = ProbeOptions.defaults().withTimeout(Duration.ofSeconds(5)).withRateLimit(settings);
        return new SiteProber(vertx, options).probe(URI.create("http://127.0.0.1:" + port + "/"))
                .await(60, TimeUnit.SECONDS);
    }

    @Test
    void limitReqWith429AndRetryAfterIsFoundMeasuredAndRecovers() throws Exception {
        SiteEvidence evidence = probe(RateLimitSettings.of("/login"));

        RateLimitEvidence r = evidence.rateLimit().orElseThrow();
        assertThat(r.throttle()).hasValueSatisfying(s -> {
            assertThat(s.kind()).isEqualTo(SignalKind.STATUS_429);
            // burst=5 admits 6 requests at once (the first plus 5 queued as nodelay), at 2 r/s refill
            assertThat(s.afterRequests()).isBetween(6, 9);
            assertThat(s.retryAfter()).contains("1");
            assertThat(s.rate()).isGreaterThan(5);
        });
        assertThat(r.sent()).isLessThan(15);
        assertThat(r.recovery()).hasValueSatisfying(rec -> assertThat(rec.recovered()).isTrue());
        Finding limit = new RateLimitCheck().evaluate(evidence);
        assertThat(limit.verdict()).isEqualTo(Verdict.PASS);
        assertThat(limit.observed()).contains("GET /login").contains("429").contains("Retry-After: 1");
        assertThat(new RateLimitRecoveryCheck().evaluate(evidence).result()).isEqualTo(RateLimitRecoveryCheck.RECOVERS);
    }

    @Test
    void limitReqDefaultRejectionIsABare503AndWarns() throws Exception {
        SiteEvidence evidence = probe(RateLimitSettings.of("/search"));

        RateLimitEvidence r = evidence.rateLimit().orElseThrow();
        assertThat(r.throttle()).hasValueSatisfying(s -> {
            assertThat(s.kind()).isEqualTo(SignalKind.STATUS_5XX);
            assertThat(s.status()).contains(503);
            assertThat(s.retryAfter()).isEmpty();
        });
        assertThat(new RateLimitCheck().evaluate(evidence).result()).isEqualTo(RateLimitCheck.BARE_5XX);
    }

    @Test
    void anUnlimitedLocationAcceptsTheWholeBoundedBurstAndFails() throws Exception {
        SiteEvidence evidence = probe(RateLimitSettings.of("/open").withMaxRequests(25));

        RateLimitEvidence r = evidence.rateLimit().orElseThrow();
        assertThat(r.throttle()).isEmpty();
        assertThat(r.sent()).isEqualTo(25);
        assertThat(r.statusCounts()).containsEntry(200, 25);
        assertThat(new RateLimitCheck().evaluate(evidence).verdict()).isEqualTo(Verdict.FAIL);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    /** nginx gives no readiness signal on stdout; poll the port, bounded, and fail with its log if it died. */
    private static void awaitListening(int port, Duration within) throws Exception {
        long end = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < end) {
            if (!nginx.isAlive()) {
                throw new IllegalStateException("nginx exited: " + Files.readString(prefix.resolve("logs/error.log")));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                nginx.waitFor(50, TimeUnit.MILLISECONDS);
            }
        }
        throw new IllegalStateException("nginx did not listen on 127.0.0.1:" + port + " within " + within);
    }
}
