package dev.vantage.check.security;

import dev.vantage.check.Finding;
import dev.vantage.check.Verdict;
import dev.vantage.probe.FailureKind;
import dev.vantage.probe.tls.CertificateTrust;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static dev.vantage.check.EvidenceFixtures.NOW;
import static dev.vantage.check.EvidenceFixtures.PAGE;
import static dev.vantage.check.EvidenceFixtures.chain;
import static dev.vantage.check.EvidenceFixtures.exchange;
import static dev.vantage.check.EvidenceFixtures.failed;
import static dev.vantage.check.EvidenceFixtures.goodUpgrade;
import static dev.vantage.check.EvidenceFixtures.single;
import static dev.vantage.check.EvidenceFixtures.site;
import static dev.vantage.check.EvidenceFixtures.tls;
import static dev.vantage.check.EvidenceFixtures.upgrade;
import static dev.vantage.check.EvidenceFixtures.withTls;
import static dev.vantage.probe.http.RedirectOutcome.BAD_LOCATION;
import static dev.vantage.probe.http.RedirectOutcome.FAILED;
import static dev.vantage.probe.http.RedirectOutcome.FINAL_RESPONSE;
import static dev.vantage.probe.http.RedirectOutcome.LOOP;
import static dev.vantage.probe.http.RedirectOutcome.TOO_MANY_HOPS;
import static org.assertj.core.api.Assertions.assertThat;

class RedirectCheckTest {

    private static final String HTTP = "http://example.com/";
    private final RedirectCheck check = new RedirectCheck();

    private Finding of(dev.vantage.probe.http.RedirectChain chain) {
        return check.evaluate(upgrade(chain));
    }

    @Test
    void permanentSameHostRedirectPasses() {
        Finding f = of(goodUpgrade());
        assertThat(f.result()).isEqualTo(RedirectCheck.TO_HTTPS);
        assertThat(f.verdict()).isEqualTo(Verdict.PASS);
        assertThat(f.remediation()).isEmpty();
        assertThat(of(chain(FINAL_RESPONSE, exchange(HTTP, 308, "Location", PAGE), exchange(PAGE, 200))).result())
                .isEqualTo(RedirectCheck.TO_HTTPS);
    }

    @Test
    void temporaryRedirectWarns() {
        Finding f = of(chain(FINAL_RESPONSE, exchange(HTTP, 302, "Location", PAGE), exchange(PAGE, 200)));
        assertThat(f.result()).isEqualTo(RedirectCheck.TO_HTTPS_TEMPORARY);
        assertThat(f.verdict()).isEqualTo(Verdict.WARN);
        assertThat(f.observed()).contains("302");
    }

    @Test
    void noHttpListenerIsFine() {
        Finding f = of(single(failed(HTTP, FailureKind.REFUSED, "connection refused by 127.0.0.1:80")));
        assertThat(f.result()).isEqualTo(RedirectCheck.NO_HTTP);
        assertThat(f.observed()).contains("refused");
    }

    @Test
    void firstHopToAnotherHost() {
        assertThat(of(chain(FINAL_RESPONSE, exchange(HTTP, 301, "Location", "https://www.example.com/"),
                exchange("https://www.example.com/", 200))).result()).isEqualTo(RedirectCheck.OFF_HOST);
    }

    @Test
    void firstHopToHttp() {
        assertThat(of(chain(FINAL_RESPONSE, exchange(HTTP, 301, "Location", "http://www.example.com/"),
                exchange("http://www.example.com/", 301, "Location", "https://www.example.com/"),
                exchange("https://www.example.com/", 200))).result()).isEqualTo(RedirectCheck.NOT_HTTPS_FIRST);
    }

    @Test
    void endsOnHttpAndDowngrades() {
        assertThat(of(chain(FINAL_RESPONSE, exchange(HTTP, 301, "Location", "http://example.com/home"),
                exchange("http://example.com/home", 200))).result()).isEqualTo(RedirectCheck.NOT_TO_HTTPS);
        assertThat(of(chain(FINAL_RESPONSE, exchange(HTTP, 301, "Location", PAGE),
                exchange(PAGE, 301, "Location", "http://example.com/x"),
                exchange("http://example.com/x", 301, "Location", "https://example.com/x"),
                exchange("https://example.com/x", 200))).result()).isEqualTo(RedirectCheck.DOWNGRADE);
    }

    @Test
    void noRedirectFails() {
        Finding f = of(single(exchange(HTTP, 200)));
        assertThat(f.result()).isEqualTo(RedirectCheck.MISSING);
        assertThat(f.verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void loopsTooManyHopsAndBadLocationsFail() {
        assertThat(of(chain(LOOP, exchange(HTTP, 301, "Location", PAGE), exchange(PAGE, 301, "Location", HTTP)))
                .result()).isEqualTo(RedirectCheck.LOOP);
        assertThat(of(chain(TOO_MANY_HOPS, exchange(HTTP, 301, "Location", PAGE + "1"),
                exchange(PAGE + "1", 301, "Location", PAGE + "2"))).result()).isEqualTo(RedirectCheck.TOO_MANY);
        assertThat(of(chain(BAD_LOCATION, exchange(HTTP, 301, "Location", "ht!tp://\u0000"))).result())
                .isEqualTo(RedirectCheck.BAD_LOCATION);
    }

    @Test
    void invalidCertificateAtTheEnd() {
        var bad = withTls(exchange(PAGE, 200), tls(CertificateTrust.rejected("certificate expired"),
                NOW.minus(Duration.ofDays(400)), NOW.minus(Duration.ofDays(2))));
        Finding f = of(chain(FINAL_RESPONSE, exchange(HTTP, 301, "Location", PAGE), bad));
        assertThat(f.result()).isEqualTo(RedirectCheck.INVALID_CERT);
        assertThat(f.observed()).contains("expired");
        assertThat(of(chain(FAILED, exchange(HTTP, 301, "Location", PAGE),
                failed(PAGE, FailureKind.TLS_HANDSHAKE, "handshake alert: unknown_ca"))).result())
                .isEqualTo(RedirectCheck.INVALID_CERT);
        assertThat(of(chain(FAILED, exchange(HTTP, 301, "Location", PAGE),
                failed(PAGE, FailureKind.RESET, "connection reset"))).result()).isEqualTo(RedirectCheck.HOP_FAILED);
    }

    @Test
    void notProbedWhenNoPlainHttpChain() {
        var e = site(single(exchange(PAGE, 200)), Optional.empty(), Optional.empty());
        assertThat(check.evaluate(e).verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
    }

    @Test
    void plainHttpTargetUsesThePageChain() {
        var e = site(single(exchange(HTTP, 200)), Optional.empty(), Optional.empty());
        assertThat(check.evaluate(e).result()).isEqualTo(RedirectCheck.MISSING);
    }
}
