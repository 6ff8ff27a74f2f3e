package dev.vantage.interop;

import dev.vantage.fixtures.TestPki;
import dev.vantage.probe.tls.AcceptedSuite;
import dev.vantage.probe.tls.CipherSuites;
import dev.vantage.probe.tls.ProtocolSupport;
import dev.vantage.probe.tls.TlsInspection;
import dev.vantage.probe.tls.TlsInspectionOptions;
import dev.vantage.probe.tls.TlsInspector;
import dev.vantage.probe.tls.TlsProtocol;
import dev.vantage.fixtures.RequiredTool;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Vantage's protocol and cipher enumeration must agree with sslscan on a real nginx (Debian package), in a legacy
 * configuration (TLS 1.0-1.2, ALL:@SECLEVEL=0) and a modern one (TLS 1.2/1.3). Skipped when nginx or sslscan is
 * missing; .ci/run installs both.
 */
class NginxTlsInteropIT {

    private static final String LEGACY = "ssl_protocols TLSv1 TLSv1.1 TLSv1.2; ssl_ciphers ALL:@SECLEVEL=0;";
    private static final String MODERN = "ssl_protocols TLSv1.2 TLSv1.3; ssl_ciphers "
            + "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
            + "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:"
            + "DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384; ssl_prefer_server_ciphers on;"
            + " ssl_dhparam DIR/ffdhe2048.pem;"; // nginx offers DHE only with ssl_dhparam
    /** RFC 7919 ffdhe2048, as Mozilla's configuration generator serves it. */
    private static final String FFDHE2048 = """
            -----BEGIN DH PARAMETERS-----
            MIIBCAKCAQEA//////////+t+FRYortKmq/cViAnPTzx2LnFg84tNpWp4TZBFGQz
            +8yTnc4kmz75fS/jY2MMddj2gbICrsRhetPfHtXV/WVhJDP1H18GbtCFY2VVPe0a
            87VXE15/V8k1mE8McODmi3fipona8+/och3xWKE2rec1MKzKT0g6eXq8CrGCsyT7
            YdEIqUuyyOP7uWrat2DX9GgdT0Kj3jlN9K5W7edjcrsZCwenyO4KbXCeAvzhzffi
            7MA0BM0oNC9hkXL+nOmFg/+OTxIy7vKBg8P+OxtMb61zO7X8vC7CIAXFjvGDfRaD
            ssbzSibBsu/6iGtCOGEoXJf//////////wIBAg==
            -----END DH PARAMETERS-----
            """;

    private static Vertx vertx;
    private static Path nginxBinary;
    private static Path sslscanBinary;

    @BeforeAll
    static void start() {
        nginxBinary = RequiredTool.binary("nginx", "apt-get install -y nginx");
        sslscanBinary = RequiredTool.binary("sslscan", "apt-get install -y sslscan");
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void legacyNginxEnumerationEqualsSslscan() throws Exception {
        compareWithSslscan(LEGACY);
    }

    @Test
    void modernNginxEnumerationEqualsSslscan() throws Exception {
        TlsInspection in = compareWithSslscan(MODERN);
        assertThat(in.protocol(TlsProtocol.TLS_1_2).orElseThrow().serverPreference()).contains(true);
        assertThat(in.acceptedSuites()).allSatisfy(s -> {
            assertThat(s.keyExchange()).as(s.ianaName() + " key exchange read").isPresent();
            assertThat(s.keyExchange().get().bits()).isGreaterThanOrEqualTo(s.keyExchange().get().elliptic() ? 225 : 2048);
        });
        assertThat(in.fallbackScsv()).contains(true);
        assertThat(in.alpnHttp11()).as("nginx answers ALPN http/1.1").contains(true);
        assertThat(in.alpnH2()).as("no http2 in this config").isFalse();
        assertThat(in.protocol(TlsProtocol.TLS_1_2).orElseThrow().suites()).anySatisfy(s -> {
            assertThat(s.suite().keyExchange()).isEqualTo(dev.vantage.probe.tls.CipherSuite.KeyExchange.DHE);
            assertThat(s.keyExchange().orElseThrow().bits()).isEqualTo(2048);
        });
    }

    /** The JDK cannot speak TLS 1.0/1.1, so the certificate must come from the hand-built handshakes. */
    @Test
    void legacyOnlyNginxStillYieldsCertificateFacts() throws Exception {
        TlsInspection in = compareWithSslscan("ssl_protocols TLSv1 TLSv1.1; ssl_ciphers ALL:@SECLEVEL=0;");
        assertThat(in.certificate().available()).isTrue();
        assertThat(in.certificate().hostnameMatches()).isTrue();
        assertThat(in.errors()).anySatisfy(e -> assertThat(e).contains("hand-built handshake"));
    }

    private TlsInspection compareWithSslscan(String tlsConfig) throws Exception {
        try (LocalNginx nginx = LocalNginx.start(tlsConfig)) {
            TlsInspection inspection = TlsInspector.inspect(vertx, "127.0.0.1", nginx.port(),
                            TlsInspectionOptions.defaults().withServerName("localhost").withCaFile(nginx.caFile()))
                    .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
            Sslscan scan = Sslscan.run(nginx.port());

            Set<String> ourProtocols = new TreeSet<>(inspection.acceptedProtocols().stream().map(TlsProtocol::label).toList());
            assertThat(ourProtocols).as("accepted protocols").isEqualTo(scan.protocols);
            Set<String> ourSuites = new TreeSet<>();
            for (ProtocolSupport p : inspection.protocols()) {
                for (AcceptedSuite s : p.suites()) {
                    ourSuites.add(p.protocol().label() + " " + s.suite().opensslName());
                }
            }
            assertThat(ourSuites).as("accepted suites per protocol (OpenSSL names)").isEqualTo(scan.suites);
            assertThat(inspection.certificate().trust().trusted()).as("trusted via CA file").isTrue();
            assertThat(inspection.took()).isLessThan(Duration.ofSeconds(20));
            return inspection;
        }
    }

    /** sslscan's XML: enabled protocols and accepted ciphers as "TLSv1.2 ECDHE-RSA-AES128-GCM-SHA256". */
    record Sslscan(Set<String> protocols, Set<String> suites) {

        static Sslscan run(int port) throws Exception {
            Process p = new ProcessBuilder(sslscanBinary.toString(), "--no-colour", "--xml=-", "127.0.0.1:" + port)
                    .redirectErrorStream(false).start();
            byte[] out = p.getInputStream().readAllBytes();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("sslscan finished").isTrue();
            String xml = new String(out, StandardCharsets.UTF_8);
            xml = xml.substring(xml.indexOf("<?xml"));
            var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
            Set<String> protocols = new TreeSet<>();
            NodeList ps = doc.getElementsByTagName("protocol");
            for (int i = 0; i < ps.getLength(); i++) {
                Element e = (Element) ps.item(i);
                if ("1".equals(e.getAttribute("enabled"))) {
                    String label = ("ssl".equals(e.getAttribute("type")) ? "SSLv" : "TLSv") + e.getAttribute("version");
                    protocols.add(TlsProtocol.ofLabel(label).map(TlsProtocol::label).orElse(label));
                }
            }
            Set<String> suites = new TreeSet<>();
            NodeList cs = doc.getElementsByTagName("cipher");
            for (int i = 0; i < cs.getLength(); i++) {
                Element e = (Element) cs.item(i);
                String version = TlsProtocol.ofLabel(e.getAttribute("sslversion")).map(TlsProtocol::label)
                        .orElse(e.getAttribute("sslversion"));
                int id = Integer.parseInt(e.getAttribute("id").substring(2), 16);
                String name = CipherSuites.byCode(id).map(s -> s.opensslName()).orElse(e.getAttribute("cipher"));
                suites.add(version + " " + name);
            }
            return new Sslscan(protocols, suites);
        }
    }

    /** nginx as a foreground child process on a free loopback port, with a TestPki certificate. */
    static final class LocalNginx implements AutoCloseable {
        private final Process process;
        private final int port;
        private final Path dir;

        private LocalNginx(Process process, int port, Path dir) {
            this.process = process;
            this.port = port;
            this.dir = dir;
        }

        static LocalNginx start(String tlsConfig) throws Exception {
            Path dir = Files.createTempDirectory("vantage-nginx");
            TestPki pki = TestPki.newCa("Vantage Interop CA");
            pki.issue(TestPki.LeafSpec.localhost()).writeTo(dir);
            pki.writeCaPem(dir.resolve("ca.pem"));
            Files.writeString(dir.resolve("ffdhe2048.pem"), FFDHE2048);
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            String conf = """
                    worker_processes 1;
                    error_log %1$s/error.log;
                    pid %1$s/nginx.pid;
                    events { worker_connections 256; }
                    http {
                      access_log off;
                      client_body_temp_path %1$s/cb; proxy_temp_path %1$s/px; fastcgi_temp_path %1$s/fc;
                      uwsgi_temp_path %1$s/uw; scgi_temp_path %1$s/sc;
                      server {
                        listen 127.0.0.1:%2$d ssl;
                        ssl_certificate %1$s/cert.pem; ssl_certificate_key %1$s/key.pem;
                        %3$s
                        location / { return 200 "ok\\n"; }
                      }
                    }
                    """.formatted(dir, port, tlsConfig.replace("DIR", dir.toString()));
            Files.writeString(dir.resolve("nginx.conf"), conf);
            Process p = new ProcessBuilder(nginxBinary.toString(), "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString(),
                    "-g", "daemon off;").redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
            LocalNginx nginx = new LocalNginx(p, port, dir);
            nginx.awaitListening();
            return nginx;
        }

        /** Bounded poll: nginx has no readiness signal other than its port accepting connections. */
        private void awaitListening() throws Exception {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < until) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("nginx exited: " + Files.readString(dir.resolve("stdout.log")));
                }
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                    return;
                } catch (IOException notYet) {
                    process.waitFor(50, TimeUnit.MILLISECONDS);
                }
            }
            throw new IllegalStateException("nginx did not listen on " + port + " within 10 s");
        }

        int port() {
            return port;
        }

        Path caFile() {
            return dir.resolve("ca.pem");
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
