package dev.vantage.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vantage.probe.ProbeOptions;
import dev.vantage.probe.load.LoadSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {

    private final ConfigLoader loader = new ConfigLoader(new Secrets(Map.of("API_TOKEN", "0123456789abcdef-admin",
            "SITE_KEY", "s3cret")::get));

    @Test
    void aCompleteFileLoadsWithDefaultsFilledIn() {
        var r = loader.parse("""
                server: {port: 9090}
                storage: {retention: 7d}
                probing: {allow-loopback: true}
                auth:
                  tokens:
                    - {name: ops, token: "${API_TOKEN}", role: admin}
                targets:
                  - name: shop
                    url: https://shop.example.com/
                    schedule: {interval: 60s}
                    checks: {disable: [performance.]}
                    timeout: 15s
                    headers: {X-Key: "${SITE_KEY}"}
                    resolve: ["shop.example.com:443:127.0.0.1"]
                    http-port: 8081
                    labels: {team: web}
                  - name: blog
                    url: http://blog.example.com
                    schedule: {cron: "0 */5 * * * ?"}
                """, "t.yaml");
        assertThat(r.errors()).isEmpty();
        VantageConfig c = r.config().orElseThrow();
        assertThat(c.server().port()).isEqualTo(9090);
        assertThat(c.server().host()).isEqualTo("127.0.0.1");
        assertThat(c.storage().url()).isEqualTo(VantageConfig.Storage.DEFAULT_URL);
        assertThat(c.storage().retention()).isEqualTo(Duration.ofDays(7));
        assertThat(c.tokens()).singleElement().satisfies(t -> {
            assertThat(t.secret()).isEqualTo("0123456789abcdef-admin");
            assertThat(t.role()).isEqualTo(Role.ADMIN);
            assertThat(t.toString()).doesNotContain("0123456789abcdef");
        });
        TargetSpec shop = c.targets().get(0);
        assertThat(shop.schedule().interval()).contains(Duration.ofSeconds(60));
        assertThat(shop.disable()).containsExactly("performance.");
        assertThat(shop.resolve()).containsEntry("shop.example.com:443", "127.0.0.1");
        assertThat(shop.headers()).containsEntry("X-Key", "${SITE_KEY}");
        assertThat(c.targets().get(1).schedule().cron()).contains("0 */5 * * * ?");

        ProbeOptions o = TargetOptions.of(shop, c.probing(), new Secrets(Map.of("SITE_KEY", "s3cret")::get));
        assertThat(o.timeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(o.httpPort()).isEqualTo(8081);
        assertThat(o.extraHeaders().first("x-key")).contains("s3cret");
        assertThat(o.addressPolicy().allowLoopback()).isTrue();
        assertThat(o.addressPolicy().allowPrivate()).isFalse();
    }

    @Test
    void aLoadBlockTakesTheCliDefaultsAndRoundTripsThroughStorage() {
        var r = loader.parse("""
                targets:
                  - name: login
                    url: https://shop.example.com/login?next=/
                    schedule: {interval: 10m}
                    load: {rate: 200, duration: 10s}
                  - name: full
                    url: https://shop.example.com/
                    schedule: {interval: 10m}
                    load:
                      rate: 12.5
                      duration: 20s
                      warmup: 2s
                      connections: 8
                      paths: [/login, "/search?q=a"]
                      request-timeout: 2s
                      p95: 250ms
                      max-errors: 0.5%
                      stop-errors: 10%
                """, "t.yaml");
        assertThat(r.errors()).isEmpty();
        LoadSettings login = r.config().orElseThrow().targets().get(0).load().orElseThrow();
        assertThat(login.rate()).isEqualTo(200);
        assertThat(login.duration()).isEqualTo(Duration.ofSeconds(10));
        assertThat(login.paths()).containsExactly("/login");
        assertThat(login.connections()).isEqualTo(LoadSettings.DEFAULT_CONNECTIONS);
        assertThat(login.p95Threshold()).isEqualTo(LoadSettings.DEFAULT_P95);
        TargetSpec full = r.config().orElseThrow().targets().get(1);
        LoadSettings s = full.load().orElseThrow();
        assertThat(s.paths()).containsExactly("/login", "/search?q=a");
        assertThat(s.warmup()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.requestTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.p95Threshold()).isEqualTo(Duration.ofMillis(250));
        assertThat(s.maxErrorRatio()).isEqualTo(0.005);
        assertThat(s.stopErrorRatio()).isEqualTo(0.1);

        ObjectMapper json = new ObjectMapper();
        List<String> problems = new ArrayList<>();
        TargetSpec back = TargetParser.forStored(TargetSpec.Origin.CONFIG_FILE).parse(TargetParser.toJson(full, json), "", problems)
                .orElseThrow();
        assertThat(problems).isEmpty();
        assertThat(back).isEqualTo(full);
        // A load block never turns load on by itself: the probe options of a target carry no load.
        assertThat(TargetOptions.of(full, r.config().orElseThrow().probing(), Secrets.unresolved()).load()).isEmpty();
    }

    @Test
    void theApiRateLimitHasADefaultCanBeTunedOrTurnedOff() {
        String target = "targets: []\n";
        assertThat(loader.parse(target, "t").config().orElseThrow().server().rateLimit())
                .contains(VantageConfig.RateLimit.DEFAULT);
        assertThat(loader.parse("server: {rate-limit: {per-second: 5, burst: 10}}\n" + target, "t").config()
                .orElseThrow().server().rateLimit()).contains(new VantageConfig.RateLimit(5, 10));
        assertThat(loader.parse("server: {rate-limit: off}\n" + target, "t").config().orElseThrow().server()
                .rateLimit()).isEmpty();
        assertThat(loader.parse("server: {rate-limit: {per-second: 0, burst: 0, window: 1m}}\n" + target, "t")
                .errors()).anySatisfy(e -> assertThat(e).contains("server.rate-limit.per-second", "above 0"))
                .anySatisfy(e -> assertThat(e).contains("server.rate-limit.burst"))
                .anySatisfy(e -> assertThat(e).contains("server.rate-limit.window", "unknown key"));
        assertThat(loader.parse("server: {rate-limit: yes}\n" + target, "t").errors())
                .anySatisfy(e -> assertThat(e).contains("server.rate-limit", "or off"));
    }

    @Test
    void loadProblemsNameTheSettingAndTheCap() {
        var r = loader.parse("""
                targets:
                  - name: a
                    url: https://a.example/
                    schedule: {interval: 1m}
                    load: {duration: 10s, max-errors: 1, colour: red}
                  - name: b
                    url: https://b.example/
                    schedule: {interval: 1m}
                    load: {rate: 5000, duration: 10s}
                  - name: c
                    url: https://c.example/
                    schedule: {interval: 1m}
                    load: {rate: 10, duration: 2m, stop-errors: lots, paths: [login]}
                """, "t.yaml");
        assertThat(r.config()).isEmpty();
        assertThat(r.errors()).anySatisfy(e -> assertThat(e).contains("targets[0].load.rate", "required"))
                .anySatisfy(e -> assertThat(e).contains("targets[0].load.max-errors", "percentage"))
                .anySatisfy(e -> assertThat(e).contains("targets[0].load.colour", "unknown key"))
                .anySatisfy(e -> assertThat(e).contains("targets[1].load", "5000", "1000/s"))
                .anySatisfy(e -> assertThat(e).contains("targets[2].load.stop-errors", "lots"));
    }

    @Test
    void headersFollowTheSameRulesAsCheckDashH() {
        var r = loader.parse("""
                targets:
                  - name: a
                    url: https://a.example
                    schedule: {interval: 60s}
                    audit: {every: 30m}
                    headers: {Host: evil.example, "Bad Name": x, X-Ok: fine}
                """, "t.yaml");
        assertThat(r.errors()).containsExactlyInAnyOrder(
                "targets[0].headers.Host: header 'Host' is managed by the prober and cannot be set",
                "targets[0].headers.Bad Name: header name 'Bad Name' has characters a header name cannot have",
                "targets[0].audit.every: an audit must not run more often than every 1h (it sends far more than a pulse); "
                        + "got every 30m");
    }

    @Test
    void everyProblemIsListedWithItsPath() {
        var r = loader.parse("""
                server: {port: 70000, colour: red}
                storage: {url: "jdbc:mysql://x", retention: soon}
                auth:
                  tokens:
                    - {name: a, token: inline-token-value, role: root}
                targets:
                  - name: ok
                    url: https://a.example
                    schedule: {interval: 60s}
                  - name: Bad Name
                    url: ftp://x
                    schedule: {interval: 60s}
                  - name: ok
                    url: https://b.example
                    schedule: {interval: 5x}
                    labels: {instance: x}
                    resolve: [nonsense]
                  - name: c
                    url: https://c.example
                    schedule: {cron: "every minute"}
                    headers: {Authorization: "${MISSING}"}
                    bogus: 1
                """, "t.yaml");
        assertThat(r.ok()).isFalse();
        assertThat(r.errors()).contains(
                "server.port: expected a whole number from 0 to 65535, got \"70000\"",
                "targets[2].schedule: interval \"5x\" is not a duration like 30s, 5m, 1h",
                "targets[3].headers.Authorization: environment variable MISSING is not set",
                "auth.tokens[0].token: must be a reference (${ENV_VAR} or file:/path), not the token itself",
                "auth.tokens[0].role: \"root\" is not one of viewer, editor, admin",
                "storage.retention: \"soon\" is not a duration like 30d, 12h");
        assertThat(r.errors()).anyMatch(e -> e.startsWith("server.colour: unknown key"))
                .anyMatch(e -> e.startsWith("targets[3].bogus: unknown key"))
                .anyMatch(e -> e.startsWith("storage.url: \"jdbc:mysql://x\" is not"))
                .anyMatch(e -> e.startsWith("targets[1].name: \"Bad Name\" is not a valid name"))
                .anyMatch(e -> e.startsWith("targets[1].url: \"ftp://x\""))
                .anyMatch(e -> e.startsWith("targets[2].labels.instance: not usable"))
                .anyMatch(e -> e.startsWith("targets[2].resolve[0]: 'nonsense' must look like HOST:PORT:ADDRESS"))
                .anyMatch(e -> e.startsWith("targets[3].schedule: cron \"every minute\""));
    }

    @Test
    void cronsThatNeverFireOrFireTooOftenAreRefusedInTheFileAndAtTheApi() {
        var r = loader.parse("""
                targets:
                  - {name: feb, url: "https://a.example", schedule: {cron: "0 0 0 31 2 ?"}}
                  - {name: past, url: "https://a.example", schedule: {cron: "0 0 0 1 1 ? 2020"}}
                  - {name: busy, url: "https://a.example", schedule: {cron: "* * * * * ?"}}
                  - {name: fine, url: "https://a.example", schedule: {cron: "*/5 * * * * ?"}}
                """, "t.yaml");
        assertThat(r.errors()).hasSize(3)
                .anySatisfy(e -> assertThat(e).startsWith("targets[0].schedule: cron \"0 0 0 31 2 ?\" never fires"))
                .anySatisfy(e -> assertThat(e).startsWith("targets[1].schedule: cron \"0 0 0 1 1 ? 2020\" never fires"))
                .anySatisfy(e -> assertThat(e).startsWith("targets[2].schedule: cron \"* * * * * ?\" fires 1s apart"));
        ObjectMapper json = new ObjectMapper();
        var body = json.createObjectNode().put("name", "feb").put("url", "https://a.example/");
        body.putObject("schedule").put("cron", "0 0 0 31 2 ?");
        List<String> problems = new ArrayList<>();
        assertThat(TargetParser.forApi(Optional.empty()).parse(body, "", problems)).isEmpty();
        assertThat(problems).singleElement().asString().contains("never fires");
        // A row stored earlier still reads (the scheduler decides what to do with it: CronRules.problem).
        assertThat(TargetParser.forStored(TargetSpec.Origin.API).parse(body, "", new ArrayList<>())).isPresent();
    }

    @Test
    void apiTargetsNameNoSecretAndNoCaFileWithoutACaDir() {
        ObjectMapper json = new ObjectMapper();
        var body = json.createObjectNode().put("name", "x").put("url", "https://a.example/").put("ca-file", "ca.pem");
        body.putObject("schedule").put("interval", "1m");
        body.putObject("headers").put("X-Key", "${API_TOKEN}").put("X-File", "file:/etc/hostname")
                .put("X-Plain", "Bearer ${not-a-reference-alone}");
        List<String> problems = new ArrayList<>();
        assertThat(TargetParser.forApi(Optional.empty()).parse(body, "", problems)).isEmpty();
        assertThat(problems).hasSize(3)
                .anySatisfy(p -> assertThat(p).startsWith("headers.X-Key: a secret reference"))
                .anySatisfy(p -> assertThat(p).startsWith("headers.X-File: a secret reference"))
                .anySatisfy(p -> assertThat(p).startsWith("ca-file: ").contains("probing: {ca-dir:"));
        // Read back from the store, an API row keeps its origin: probing refuses what the parser let through.
        TargetSpec stored = TargetParser.forStored(TargetSpec.Origin.API).parse(body.without("ca-file"), "x",
                new ArrayList<>()).orElseThrow();
        assertThat(stored.origin()).isEqualTo(TargetSpec.Origin.API);
        assertThatThrownBy(() -> TargetOptions.of(stored, new VantageConfig.Probing(false, false),
                new Secrets(Map.of("API_TOKEN", "t0ken")::get)))
                .isInstanceOf(UnusableTargetException.class)
                .hasMessageContaining("target \"x\" cannot be probed: headers.X-File: a secret reference")
                .hasMessageNotContaining("t0ken");
    }

    @Test
    void theServicesTlsOffersForwardSecretAeadSuitesUnlessConfigured(@TempDir Path dir) throws Exception {
        Path cert = Files.writeString(dir.resolve("c.pem"), "x");
        String tls = "server: {tls: {cert-file: \"" + cert + "\", key-file: \"" + cert + "\"%s}}\n";
        var suites = loader.parse(tls.formatted(""), "t").config().orElseThrow().server().tls().orElseThrow()
                .cipherSuites();
        assertThat(suites).isEqualTo(TlsSuites.DEFAULT).noneMatch(s -> s.startsWith("TLS_RSA_"))
                .allMatch(s -> s.contains("GCM") || s.contains("CHACHA20"))
                .allMatch(s -> s.startsWith("TLS_ECDHE_") || !s.contains("_WITH_"));
        assertThat(loader.parse(tls.formatted(", cipher-suites: [TLS_AES_128_GCM_SHA256]"), "t").config()
                .orElseThrow().server().tls().orElseThrow().cipherSuites()).containsExactly("TLS_AES_128_GCM_SHA256");
        assertThat(loader.parse(tls.formatted(", cipher-suites: [ECDHE-RSA-AES128-GCM-SHA256]"), "t").errors())
                .singleElement().asString().startsWith("server.tls.cipher-suites[0]: \"ECDHE-RSA-AES128-GCM-SHA256\" "
                        + "is not a cipher suite this Java runtime supports");
        assertThat(loader.parse(tls.formatted(", cipher-suites: []"), "t").errors()).singleElement().asString()
                .contains("at least one cipher suite");
        assertThat(loader.parse("probing: {ca-dir: \"" + dir.resolve("absent") + "\"}\n", "t").errors())
                .singleElement().asString().startsWith("probing.ca-dir: directory ");
    }

    @Test
    void theShippedExampleConfigIsValidAndRunsOffline() {
        VantageConfig c = ConfigLoader.load(Path.of("config/vantage.yaml")).config().orElseThrow();
        assertThat(c.probing().allowLoopback()).isTrue();
        assertThat(c.targets()).isNotEmpty().allSatisfy(t -> assertThat(t.url().getHost()).isEqualTo("127.0.0.1"));
    }

    @Test
    void duplicateNamesAreRejected() {
        var r = loader.parse("""
                targets:
                  - {name: a, url: "https://a.example", schedule: {interval: 30s}}
                  - {name: a, url: "https://b.example", schedule: {interval: 30s}}
                """, "t.yaml");
        assertThat(r.errors()).containsExactly("targets[1].name: duplicate target name \"a\"; names must be unique");
    }

    @Test
    void secretsComeFromFilesAndBrokenYamlSaysWhere(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("token"), "file-token-0123456789\n");
        Path cfg = Files.writeString(dir.resolve("v.yaml"),
                "auth: {tokens: [{name: a, token: \"file:" + secret + "\", role: viewer}]}\n");
        assertThat(ConfigLoader.load(cfg).config().orElseThrow().tokens().get(0).secret())
                .isEqualTo("file-token-0123456789");
        Files.writeString(cfg, "targets: [\n  - name: x\n");
        assertThat(ConfigLoader.validate(cfg)).singleElement().asString().contains("not valid YAML");
        assertThat(ConfigLoader.validate(dir.resolve("absent.yaml"))).singleElement().asString()
                .contains("cannot read the file");
    }

    @Test
    void targetsRoundTripThroughTheirStoredJson() {
        var r = loader.parse("""
                targets:
                  - name: shop
                    url: https://shop.example.com/
                    schedule: {interval: 90s}
                    checks: {enable: [security.], disable: [security.cors]}
                    timeout: 1500ms
                    headers: {X-Key: "${SITE_KEY}"}
                    resolve: ["shop.example.com:443:127.0.0.1"]
                    http-port: 8081
                    labels: {team: web}
                """, "t.yaml");
        TargetSpec spec = r.config().orElseThrow().targets().get(0);
        List<String> problems = new ArrayList<>();
        var json = TargetParser.toJson(spec, new ObjectMapper());
        assertThat(TargetParser.forConfigFile(new Secrets(Map.of("SITE_KEY", "v")::get)).parse(json, "", problems))
                .contains(spec);
        assertThat(json.toString()).contains("${SITE_KEY}");
    }

    @Test
    void publicIsAFlagThatRoundTripsAndIsOffByDefault() {
        var r = loader.parse("""
                targets:
                  - {name: shop, url: "https://shop.example", schedule: {interval: 30s}, public: true}
                  - {name: back, url: "https://back.example", schedule: {interval: 30s}}
                """, "t.yaml");
        List<TargetSpec> targets = r.config().orElseThrow().targets();
        assertThat(targets).extracting(TargetSpec::publicStatus).containsExactly(true, false);
        var json = TargetParser.toJson(targets.get(0), new ObjectMapper());
        assertThat(TargetParser.forStored(TargetSpec.Origin.CONFIG_FILE).parse(json, "", new ArrayList<>()))
                .contains(targets.get(0));
        assertThat(TargetParser.toJson(targets.get(1), new ObjectMapper()).has("public")).isFalse();

        var bad = loader.parse("""
                targets:
                  - {name: shop, url: "https://shop.example", schedule: {interval: 30s}, public: "yes"}
                """, "t.yaml");
        assertThat(bad.errors()).singleElement().asString().contains("targets[0].public", "expected true or false");
    }
}
