package dev.vantage.check;

import dev.vantage.grade.ScoringTable;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.vantage.check.EvidenceFixtures.page;
import static org.assertj.core.api.Assertions.assertThat;

/** Whole header sets as real servers send them, run through every check and priced by the table. */
class RealSitesTest {

    private final ScoringTable table = ScoringTable.current();

    private List<Finding> run(String... headers) {
        return Checks.evaluate(page(headers));
    }

    private int penalties(List<Finding> findings) {
        return findings.stream().mapToInt(f -> Math.min(0, table.modifier(f.result()))).sum();
    }

    @Test
    void hardenedSiteHasNoPenaltyAndEarnsExtraCredit() {
        List<Finding> findings = run(
                "Strict-Transport-Security", "max-age=63072000; includeSubDomains; preload",
                "Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
                        + " connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
                "X-Content-Type-Options", "nosniff",
                "X-Frame-Options", "DENY",
                "Referrer-Policy", "no-referrer",
                "Permissions-Policy", "camera=(), microphone=(), geolocation=()",
                "Cross-Origin-Resource-Policy", "same-origin",
                "Cross-Origin-Opener-Policy", "same-origin",
                "Set-Cookie", "__Host-session=x; Path=/; Secure; HttpOnly; SameSite=Strict",
                "Cache-Control", "no-store",
                "Content-Type", "text/html; charset=utf-8");
        assertThat(penalties(findings)).isZero();
        assertThat(findings).filteredOn(f -> f.verdict() == Verdict.FAIL || f.verdict() == Verdict.WARN).isEmpty();
        int bonus = findings.stream().mapToInt(f -> table.modifier(f.result())).sum();
        assertThat(bonus).isEqualTo(5 + 10 + 5 + 5 + 10 + 5);
    }

    @Test
    void bareNginxDefaultIsHeavilyPenalised() {
        // what a stock Debian nginx answers for its welcome page
        List<Finding> findings = run("Server", "nginx/1.22.1", "Content-Type", "text/html",
                "Last-Modified", "Mon, 12 Jan 2026 10:00:00 GMT", "ETag", "\"65a1-267\"", "Accept-Ranges", "bytes");
        assertThat(penalties(findings)).isLessThanOrEqualTo(-75);
        assertThat(findings).extracting(Finding::result).contains("hsts-not-implemented", "csp-not-implemented",
                "x-frame-options-not-implemented", "x-content-type-options-not-implemented",
                "version-banner-reveals-version");
    }
}
