package dev.vantage.probe;

import dev.vantage.probe.http.UpgradeProbe;

import dev.vantage.fixtures.LoopbackSite;
import dev.vantage.fixtures.ProbeBed;
import dev.vantage.fixtures.TestPki.LeafSpec;
import dev.vantage.probe.http.HttpExchange;
import dev.vantage.probe.http.RedirectChain;
import dev.vantage.probe.http.RedirectOutcome;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A whole site run: page chain, plain-HTTP upgrade chain and CORS probe, against loopback sites. */
class SiteProberTest {

    @RegisterExtension
    static final ProbeBed bed = new ProbeBed("Vantage Site Root");

    static ProbeOptions options() {
        return bed.options();
    }

    @Nested
    class HttpsSiteWithAnHttpListener {
        @Test
        void probesThePageTheUpgradeChainAndCorsWithAForeignOrigin() throws Exception {
            String name = "app.vantage.test";
            try (LoopbackSite secure = LoopbackSite.https(bed.pki().issue(LeafSpec.localhost()
                            .names(name, List.of(name), List.of())))
                    .route("/account", (v, req) -> req.response()
                            .putHeader("Access-Control-Allow-Origin", String.valueOf(req.getHeader("Origin")))
                            .end("account"))
                    .start(bed.vertx());
                 LoopbackSite plain = LoopbackSite.http()
                         .redirect("/account", 301, secure.url(name, "/account").toString()).start(bed.vertx())) {
                ProbeOptions options = options().withHttpPort(plain.port())
                        .withResolve(Map.ofEntries(secure.pin(name), plain.pin(name)));
                URI target = URI.create("https://" + name + ":" + secure.port() + "/account?tab=1");

                SiteEvidence evidence = new SiteProber(bed.vertx(), options).probe(target).await(30, TimeUnit.SECONDS);

                assertThat(evidence.finalPage().response().orElseThrow().status()).isEqualTo(200);
                assertThat(evidence.finalPage().tls().orElseThrow().trust().trusted()).isTrue();
                RedirectChain upgrade = evidence.httpUpgrade().orElseThrow();
                assertThat(upgrade.first().request().url())
                        .isEqualTo(URI.create("http://" + name + ":" + plain.port() + "/account?tab=1"));
                assertThat(upgrade.outcome()).isEqualTo(RedirectOutcome.FINAL_RESPONSE);
                assertThat(upgrade.last().isHttps()).isTrue();
                HttpExchange cors = evidence.corsProbe().orElseThrow();
                assertThat(cors.request().headers().first("Origin")).contains(SiteEvidence.FOREIGN_ORIGIN);
                assertThat(cors.response().orElseThrow().headers().first("Access-Control-Allow-Origin"))
                        .contains(SiteEvidence.FOREIGN_ORIGIN);
                assertThat(evidence.took()).isPositive();
                assertThat(evidence.startedAt()).isNotNull();
            }
        }

        @Test
        void aMissingHttpListenerIsEvidenceNotAnError() throws Exception {
            try (LoopbackSite secure = LoopbackSite.https(bed.pki().issue(LeafSpec.localhost())).start(bed.vertx())) {
                ProbeOptions options = options().withHttpPort(LoopbackSite.refusedPort());

                SiteEvidence evidence = new SiteProber(bed.vertx(), options).probe(secure.url("/"))
                        .await(30, TimeUnit.SECONDS);

                assertThat(evidence.finalPage().answered()).isTrue();
                assertThat(evidence.httpUpgrade().orElseThrow().outcome()).isEqualTo(RedirectOutcome.FAILED);
                assertThat(evidence.httpUpgrade().orElseThrow().last().failure().orElseThrow().kind())
                        .isEqualTo(FailureKind.REFUSED);
            }
        }
    }

    @Nested
    class PlainHttpTarget {
        @Test
        void hasNoSeparateUpgradeChain() throws Exception {
            try (LoopbackSite plain = LoopbackSite.http().start(bed.vertx())) {
                SiteEvidence evidence = new SiteProber(bed.vertx(), options()).probe(plain.url("/"))
                        .await(30, TimeUnit.SECONDS);

                assertThat(evidence.httpUpgrade()).isEmpty();
                assertThat(evidence.plainHttpChain()).contains(evidence.page());
                // page and CORS probe, then the bounded exposure probe
                assertThat(plain.requests()).as("page, CORS probe and exposure probe")
                        .isBetween(3, 2 + dev.vantage.probe.exposure.ExposureSettings.defaults().requestBudget());
            }
        }
    }

    @Nested
    class UpgradeUrl {
        @Test
        void leavesPort80ImplicitAndKeepsPathAndQuery() {
            assertThat(UpgradeProbe.plainHttpUrl(URI.create("https://example.com:8443/a/b?c=d%20e"), 80))
                    .contains(URI.create("http://example.com/a/b?c=d%20e"));
            assertThat(UpgradeProbe.plainHttpUrl(URI.create("https://example.com"), 80))
                    .contains(URI.create("http://example.com/"));
        }

        @Test
        void namesAnotherHttpPort() {
            assertThat(UpgradeProbe.plainHttpUrl(URI.create("https://[2001:db8::1]/x"), 8080))
                    .contains(URI.create("http://[2001:db8::1]:8080/x"));
        }
    }
}
