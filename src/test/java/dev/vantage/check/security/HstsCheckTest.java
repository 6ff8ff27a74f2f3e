package dev.vantage.check.security;

import dev.vantage.check.Verdict;
import dev.vantage.probe.SiteEvidence;
import dev.vantage.probe.tls.CertificateTrust;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static dev.vantage.check.EvidenceFixtures.NOW;
import static dev.vantage.check.EvidenceFixtures.PAGE;
import static dev.vantage.check.EvidenceFixtures.exchange;
import static dev.vantage.check.EvidenceFixtures.page;
import static dev.vantage.check.EvidenceFixtures.site;
import static dev.vantage.check.EvidenceFixtures.tls;
import static dev.vantage.check.EvidenceFixtures.withTls;
import static org.assertj.core.api.Assertions.assertThat;

class HstsCheckTest {

    private final HstsCheck check = new HstsCheck();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "max-age=63072000; includeSubDomains; preload|hsts-preloaded",
        "max-age=31536000|hsts-implemented-max-age-at-least-six-months",
        "max-age=\"15552000\"; includeSubDomains|hsts-implemented-max-age-at-least-six-months",
        "MAX-AGE=31536000;INCLUDESUBDOMAINS;PRELOAD|hsts-preloaded",
        "max-age=15551999; includeSubDomains; preload|hsts-implemented-max-age-less-than-six-months",
        "max-age=0|hsts-implemented-max-age-less-than-six-months",
        "max-age=15552000; preload|hsts-implemented-max-age-at-least-six-months",
        "max-age=99999999999999999999999999|hsts-implemented-max-age-at-least-six-months",
        "includeSubDomains|hsts-header-invalid",
        "max-age=abc|hsts-header-invalid",
        "max-age=-1|hsts-header-invalid",
        "max-age=31536000; max-age=1|hsts-header-invalid",
    })
    void gradesHeaderValues(String value, String result) {
        assertThat(check.evaluate(page("Strict-Transport-Security", value)).result()).isEqualTo(result);
    }

    @Test
    void missingHeaderFails() {
        var f = check.evaluate(page());
        assertThat(f.result()).isEqualTo(HstsCheck.NOT_IMPLEMENTED);
        assertThat(f.verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void onlyTheFirstHeaderFieldCounts() {
        var f = check.evaluate(page("Strict-Transport-Security", "max-age=300",
                "Strict-Transport-Security", "max-age=31536000"));
        assertThat(f.result()).isEqualTo(HstsCheck.LESS_THAN_SIX_MONTHS);
        assertThat(f.observed()).contains("2 header fields");
    }

    @Test
    void plainHttpPageCannotHaveHsts() {
        SiteEvidence e = site(exchange("http://example.com/", 200, "Strict-Transport-Security", "max-age=31536000"));
        assertThat(check.evaluate(e).result()).isEqualTo(HstsCheck.NO_HTTPS);
    }

    @Test
    void untrustedCertificateVoidsHsts() {
        var page = withTls(exchange(PAGE, 200, "Strict-Transport-Security", "max-age=31536000"),
                tls(CertificateTrust.rejected("self-signed certificate"), NOW.minus(Duration.ofDays(1)),
                        NOW.plus(Duration.ofDays(1))));
        var f = check.evaluate(site(page));
        assertThat(f.result()).isEqualTo(HstsCheck.INVALID_CERT);
        assertThat(f.observed()).contains("self-signed");
    }

    @Test
    void expiredLeafCountsAsInvalidEvenWhenTheProberTrustedIt() {
        var page = withTls(exchange(PAGE, 200, "Strict-Transport-Security", "max-age=31536000"),
                tls(CertificateTrust.TRUSTED, NOW.minus(Duration.ofDays(400)), NOW.minus(Duration.ofDays(1))));
        var f = check.evaluate(site(page));
        assertThat(f.result()).isEqualTo(HstsCheck.INVALID_CERT);
        assertThat(f.observed()).contains("expired");
    }

    @Test
    void garbageDoesNotThrow() {
        assertThat(check.evaluate(page("Strict-Transport-Security", "max-age=1;".repeat(50_000))).result())
                .isEqualTo(HstsCheck.INVALID);
        assertThat(check.evaluate(page("Strict-Transport-Security", "max-age=٣١٥٣٦٠٠٠")).result())
                .isEqualTo(HstsCheck.INVALID);
    }
}
