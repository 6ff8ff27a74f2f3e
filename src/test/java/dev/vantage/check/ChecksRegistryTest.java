package dev.vantage.check;

import dev.vantage.grade.ScoringTable;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ChecksRegistryTest {

    @Test
    void everyResultOfEveryCheckIsPriced() {
        ScoringTable table = ScoringTable.current();
        for (Check check : Checks.all()) {
            assertThat(check.results()).as(check.id()).isNotEmpty()
                    .allSatisfy(r -> assertThat(table.prices(r)).as(check.id() + " result " + r).isTrue());
        }
    }

    @Test
    void idsAreUniqueAndNamedAfterTheirArea() {
        Set<String> seen = new HashSet<>();
        for (Check check : Checks.all()) {
            assertThat(seen.add(check.id())).as("duplicate id " + check.id()).isTrue();
            // TLS checks keep the tls.* ids SSL Labs users know; they belong to the Security area.
            // Launch-readiness checks use the short "launch." prefix.
            String prefix = check.id().startsWith("tls.") && check.area() == Area.SECURITY ? "tls"
                    : check.area() == Area.LAUNCH_READINESS ? "launch" : check.area().id();
            assertThat(check.id()).matches(prefix + "\\.[a-z0-9-]+");
            assertThat(check.title()).isNotBlank();
        }
        assertThat(seen).hasSize(51);
    }

    @Test
    void tableCarriesItsVersionAndCaps() {
        ScoringTable table = ScoringTable.current();
        assertThat(table.version()).isEqualTo("2026.11-6");
        assertThat(table.cap("tls-rating-t")).hasValueSatisfying(g -> assertThat(g.letter()).isEqualTo("F"));
        assertThat(table.cap("tls-certificate-expiry-expired")).hasValueSatisfying(g -> assertThat(g.letter()).isEqualTo("F"));
        assertThat(table.cap("hsts-invalid-cert")).hasValueSatisfying(g -> assertThat(g.letter()).isEqualTo("C"));
        assertThat(table.cap("page-status-server-error")).hasValueSatisfying(g -> assertThat(g.letter()).isEqualTo("F"));
        assertThat(table.cap("page-unreachable")).hasValueSatisfying(g -> assertThat(g.letter()).isEqualTo("F"));
        assertThat(table.modifier("csp-implemented-with-no-unsafe-default-src-none")).isEqualTo(10);
        assertThat(table.modifier("cookies-session-without-secure-flag")).isEqualTo(-40);
        assertThat(table.modifier("cross-origin-resource-sharing-implemented-with-universal-access")).isEqualTo(-50);
    }

    @Test
    void everyFindingNamesAResultItDeclaresAndPassesHaveNoRemediation() {
        for (var evidence : List.of(EvidenceFixtures.page(), EvidenceFixtures.unanswered(),
                EvidenceFixtures.page("Set-Cookie", "sid=1", "Content-Security-Policy", "default-src *"))) {
            for (Check check : Checks.all()) {
                Finding f = check.evaluate(evidence);
                assertThat(check.results()).as(check.id()).contains(f.result());
                assertThat(f.checkId()).isEqualTo(check.id());
                assertThat(f.observed()).isNotBlank();
                if (f.verdict() == Verdict.FAIL || f.verdict() == Verdict.WARN) {
                    assertThat(f.remediation()).as(check.id() + " " + f.result()).isNotBlank();
                }
            }
        }
    }

    @Test
    void headerChecksAreNotApplicableWhenThePageDidNotAnswer() {
        var evidence = EvidenceFixtures.unanswered();
        List<String> headerChecks = List.of("security.csp", "security.x-content-type-options",
                "security.frame-protection", "security.referrer-policy", "security.cookies", "security.corp",
                "performance.compression");
        for (Check check : Checks.all()) {
            if (headerChecks.contains(check.id())) {
                Finding f = check.evaluate(evidence);
                assertThat(f.verdict()).as(check.id()).isEqualTo(Verdict.NOT_APPLICABLE);
                assertThat(f.result()).isEqualTo(CheckSupport.PAGE_NOT_ANSWERED);
                assertThat(f.observed()).contains("timeout");
            }
        }
    }
}
