package dev.vantage.probe.browser;

import dev.vantage.fixtures.LoopbackSite;
import dev.vantage.fixtures.TestPki;
import dev.vantage.probe.AddressPolicy;
import dev.vantage.probe.Deadline;
import dev.vantage.probe.ProbeKind;
import dev.vantage.probe.ProbeOptions;
import dev.vantage.probe.ProbeScope;
import dev.vantage.probe.RunKind;
import dev.vantage.probe.RunPlan;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Chromium reaches the network only through the probe's proxy, which holds the address policy and the target's
 * {@code resolve} pins, and trusts the target's CA file. No {@code --ignore-certificate-errors} here: the private CA
 * must be trusted through the probe options, or the page is not loaded. Every address is loopback; the refused
 * "internal" one is a pin to a private address that is refused before anything is sent.
 */
class BrowserAddressPolicyTest {

    @TempDir
    static Path profiles;
    @TempDir
    static Path caDir;
    static BrowserInstall install;
    static Vertx vertx;
    static LoopbackSite internal;
    static LoopbackSite site;
    static Path caFile;

    @BeforeAll
    static void start() {
        install = TestBrowser.install();
        vertx = Vertx.vertx();
        TestPki ca = TestPki.newCa("Private Shop CA");
        caFile = ca.writeCaPem(caDir.resolve("ca.pem"));
        // This one serves its CA with the leaf, so the CA file's own key hash lets Chromium accept it.
        internal = LoopbackSite.https(ca.issueWithChain(TestPki.LeafSpec.localhost().names("internal.test",
                        List.of("internal.test"), List.of()))).header("Access-Control-Allow-Origin", "*").route("/internal.js", (v, req) -> req.response()
                .putHeader("Content-Type", "text/javascript").end("window.internalLoaded = true;")).start(vertx);
        String script = "<script src=\"https://internal.test:" + internal.port() + "/internal.js\"></script>";
        site = LoopbackSite.https(ca.issue(TestPki.LeafSpec.localhost().names("shop.test", List.of("shop.test"),
                        List.of())))
                .route("/", (v, req) -> req.response().putHeader("Content-Type", "text/html; charset=utf-8")
                        .end("<!doctype html><html><body>" + script + "<h1>Shop</h1></body></html>"))
                .start(vertx);
    }

    @AfterAll
    static void stop() {
        for (LoopbackSite s : new LoopbackSite[] {site, internal}) {
            if (s != null) {
                s.close();
            }
        }
        if (vertx != null) {
            vertx.close().await();
        }
    }

    @Test
    void aPinnedHostWithAPrivateCaIsAuditedAndItsInternalScriptLoadsWhenInternalAddressesAreAllowed() throws Exception {
        BrowserEvidence b = load(AddressPolicy.ALLOW_INTERNAL, "127.0.0.1");

        assertThat(b.failure()).isEmpty();
        assertThat(b.vitals().ttfbMillis()).as("the page was loaded over TLS from the private CA").isPresent();
        assertThat(b.resources()).extracting(BrowserEvidence.LoadedResource::url)
                .anySatisfy(u -> assertThat(u).endsWith("/internal.js"));
        assertThat(b.failed()).isEmpty();
    }

    @Test
    void aRequestToAPrivateAddressIsRefusedWhenThePolicyRefusesPrivateAddresses() throws Exception {
        int before = internal.requests();
        BrowserEvidence b = load(new AddressPolicy(true, false), "10.0.0.7");

        assertThat(b.failure()).isEmpty();
        assertThat(b.failed()).singleElement().satisfies(f -> {
            assertThat(f.url()).contains("internal.test");
            assertThat(f.refusedByPolicy()).isTrue();
            assertThat(f.reason()).contains("10.0.0.7 is a private address");
        });
        assertThat(internal.requests()).isEqualTo(before);
    }

    @Test
    void underThePublicPolicyALoopbackPageIsNotLoadedAtAll() throws Exception {
        int before = site.requests();
        BrowserEvidence b = load(AddressPolicy.PUBLIC_ONLY, "10.0.0.7");

        assertThat(b.failure()).hasValueSatisfying(f -> assertThat(f).startsWith("not run: ")
                .contains("loopback address"));
        assertThat(site.requests()).isEqualTo(before);
    }

    @Test
    void withoutTheCaFileThePrivateCertificateIsNotTrusted() throws Exception {
        BrowserEvidence b = load(ProbeOptions.defaults().withAddressPolicy(AddressPolicy.ALLOW_INTERNAL)
                .withResolve(Map.ofEntries(site.pin("shop.test"))));

        assertThat(b.resources()).extracting(BrowserEvidence.LoadedResource::url)
                .noneSatisfy(u -> assertThat(u).endsWith("/internal.js"));
    }

    private static BrowserEvidence load(AddressPolicy policy, String internalAddress) throws Exception {
        return load(ProbeOptions.defaults().withAddressPolicy(policy).withCaFile(caFile)
                .withResolve(Map.ofEntries(site.pin("shop.test"),
                        Map.entry("internal.test:" + internal.port(), internalAddress))));
    }

    private static BrowserEvidence load(ProbeOptions options) throws Exception {
        BrowserProbe probe = new BrowserProbe(vertx, Optional.of(install), List.of(), profiles);
        RunPlan plan = new RunPlan(RunKind.AUDIT, URI.create("https://shop.test:" + site.port() + "/"), options,
                Set.of(ProbeKind.BROWSER));
        return probe.probe(ProbeScope.of(plan), Deadline.in(Duration.ofSeconds(20)))
                .await(60, TimeUnit.SECONDS).orElseThrow();
    }
}
