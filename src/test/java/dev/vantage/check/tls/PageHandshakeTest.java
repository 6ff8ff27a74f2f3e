package dev.vantage.check.tls;

import dev.vantage.check.Check;
import dev.vantage.check.Finding;
import dev.vantage.check.Verdict;
import dev.vantage.probe.ProbeKind;
import dev.vantage.probe.SiteEvidence;
import dev.vantage.probe.tls.CertificateTrust;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;

import static dev.vantage.check.EvidenceFixtures.NOW;
import static dev.vantage.check.EvidenceFixtures.PAGE;
import static dev.vantage.check.EvidenceFixtures.exchange;
import static dev.vantage.check.EvidenceFixtures.site;
import static dev.vantage.check.EvidenceFixtures.tls;
import static dev.vantage.check.EvidenceFixtures.withTls;
import static org.assertj.core.api.Assertions.assertThat;

/** A pulse (no TLS inspection) still grades certificate trust, validity and name from the page's own handshake. */
class PageHandshakeTest {

    static Check check(String id) {
        return TlsSiteCheck.all().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }

    static SiteEvidence pulse(CertificateTrust trust, Duration leftUntilExpiry) {
        return site(withTls(exchange(PAGE, 200), tls(trust, NOW.minus(Duration.ofDays(300)),
                NOW.plus(leftUntilExpiry))));
    }

    @Test
    void onlyTrustValidityAndNameAreGradedWithoutTheAudit() {
        for (Check c : TlsSiteCheck.all()) {
            Set<ProbeKind> expected = TlsSiteCheck.FROM_PAGE_HANDSHAKE.contains(c.id()) ? Set.of(ProbeKind.PAGE)
                    : Set.of(ProbeKind.PAGE, ProbeKind.TLS_INSPECTION);
            assertThat(c.needs()).as(c.id()).isEqualTo(expected);
        }
        assertThat(TlsSiteCheck.FROM_PAGE_HANDSHAKE).hasSize(3);
    }

    @Test
    void anExpiredCertificateIsAFailureOnThePulse() {
        Finding f = check("tls.certificate-expiry").evaluate(pulse(CertificateTrust.TRUSTED, Duration.ofDays(-2)));
        assertThat(f.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(f.result()).isEqualTo("tls-certificate-expiry-expired");
    }

    @Test
    void aCertificateExpiringSoonWarnsAndAValidOnePasses() {
        assertThat(check("tls.certificate-expiry").evaluate(pulse(CertificateTrust.TRUSTED, Duration.ofDays(5)))
                .result()).isEqualTo("tls-certificate-expiry-expires-soon");
        assertThat(check("tls.certificate-expiry").evaluate(pulse(CertificateTrust.TRUSTED, Duration.ofDays(90)))
                .result()).isEqualTo("tls-certificate-expiry-valid");
    }

    @Test
    void trustAndNameComeFromTheSameHandshake() {
        SiteEvidence untrusted = pulse(CertificateTrust.rejected("unknown issuer CN=Test CA"), Duration.ofDays(90));
        assertThat(check("tls.certificate-trust").evaluate(untrusted).result())
                .isEqualTo("tls-certificate-trust-untrusted");
        assertThat(check("tls.certificate-hostname").evaluate(untrusted).result())
                .as("example.com is in the SAN").isEqualTo("tls-certificate-hostname-match");
    }

    @Test
    void aPlainHttpPulseHasNothingToGrade() {
        Finding f = check("tls.certificate-expiry").evaluate(site(exchange("http://example.com/", 200)));
        assertThat(f.verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
    }
}
