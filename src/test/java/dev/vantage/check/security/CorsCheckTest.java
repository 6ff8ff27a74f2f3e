package dev.vantage.check.security;

import dev.vantage.check.Verdict;
import dev.vantage.probe.SiteEvidence;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static dev.vantage.check.EvidenceFixtures.PAGE;
import static dev.vantage.check.EvidenceFixtures.cors;
import static dev.vantage.check.EvidenceFixtures.exchange;
import static dev.vantage.check.EvidenceFixtures.single;
import static dev.vantage.check.EvidenceFixtures.site;
import static org.assertj.core.api.Assertions.assertThat;

class CorsCheckTest {

    private final CorsCheck check = new CorsCheck();

    @Test
    void reflectedOriginWithCredentialsFails() {
        var f = check.evaluate(cors("Access-Control-Allow-Origin", SiteEvidence.FOREIGN_ORIGIN,
                "Access-Control-Allow-Credentials", "true", "Vary", "Origin"));
        assertThat(f.result()).isEqualTo(CorsCheck.UNIVERSAL);
        assertThat(f.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(f.observed()).contains(SiteEvidence.FOREIGN_ORIGIN);
    }

    @Test
    void nullOriginWithCredentialsFailsToo() {
        assertThat(check.evaluate(cors("Access-Control-Allow-Origin", "null",
                "Access-Control-Allow-Credentials", "TRUE")).result()).isEqualTo(CorsCheck.UNIVERSAL);
    }

    @Test
    void reflectedWithoutCredentialsWarns() {
        var f = check.evaluate(cors("Access-Control-Allow-Origin", SiteEvidence.FOREIGN_ORIGIN));
        assertThat(f.result()).isEqualTo(CorsCheck.REFLECTED);
        assertThat(f.verdict()).isEqualTo(Verdict.WARN);
    }

    @Test
    void wildcardIsPublicAndCredentialsAreIgnoredByBrowsers() {
        var f = check.evaluate(cors("Access-Control-Allow-Origin", "*", "Access-Control-Allow-Credentials", "true"));
        assertThat(f.result()).isEqualTo(CorsCheck.PUBLIC);
        assertThat(f.observed()).contains("browsers ignore credentials");
    }

    @Test
    void fixedOriginAndNoHeader() {
        assertThat(check.evaluate(cors("Access-Control-Allow-Origin", "https://app.example.com",
                "Access-Control-Allow-Credentials", "true")).result()).isEqualTo(CorsCheck.RESTRICTED);
        assertThat(check.evaluate(cors()).result()).isEqualTo(CorsCheck.NOT_IMPLEMENTED);
    }

    @Test
    void notProbed() {
        var e = site(single(exchange(PAGE, 200)), Optional.empty(), Optional.empty());
        assertThat(check.evaluate(e).verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
    }
}
