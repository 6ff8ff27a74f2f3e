package dev.vantage.check.security;

import dev.vantage.check.Finding;
import dev.vantage.check.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.vantage.check.EvidenceFixtures.page;
import static org.assertj.core.api.Assertions.assertThat;

class CspCheckTest {

    private final CspCheck check = new CspCheck();

    private Finding csp(String... values) {
        String[] headers = new String[values.length * 2];
        for (int i = 0; i < values.length; i++) {
            headers[2 * i] = "Content-Security-Policy";
            headers[2 * i + 1] = values[i];
        }
        return check.evaluate(page(headers));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'|csp-implemented-with-no-unsafe-default-src-none",
        "default-src 'self'; object-src 'none'|csp-implemented-with-no-unsafe",
        "default-src 'self'; style-src 'self' 'unsafe-inline'|csp-implemented-with-unsafe-inline-in-style-src-only",
        "default-src 'self'; img-src http://cdn.example.com|csp-implemented-with-insecure-scheme-in-passive-content-only",
        "default-src 'self'; script-src 'self' 'unsafe-eval'|csp-implemented-with-unsafe-eval",
        "default-src 'self'; script-src 'self' 'unsafe-inline'|csp-implemented-with-unsafe-inline",
        "default-src 'self'; script-src 'self' data:|csp-implemented-with-unsafe-inline",
        "default-src 'self'; script-src https:|csp-implemented-with-unsafe-inline",
        "script-src 'self'|csp-implemented-with-unsafe-inline",
        "default-src 'self'; object-src *|csp-implemented-with-unsafe-inline",
        "default-src 'self'; script-src 'self' http://cdn.example.com|csp-implemented-with-insecure-scheme",
        "default-src 'self'; frame-src http://x.example.com|csp-implemented-with-insecure-scheme",
        "script-src 'strict-dynamic'; object-src 'none'|csp-header-invalid",
        "default-src 'self' 'unsafe-foo'|csp-header-invalid",
    })
    void followsMdnRules(String policy, String result) {
        assertThat(csp(policy).result()).isEqualTo(result);
    }

    @Test
    void nonceNeutralisesUnsafeInlineAndStrictDynamicDropsHostSources() {
        Finding f = csp("object-src 'none'; base-uri 'none'; style-src 'self'; script-src 'nonce-r4nd0m' 'strict-dynamic'"
                + " 'unsafe-inline' https: http:");
        assertThat(f.result()).isEqualTo(CspCheck.NO_UNSAFE);
        assertThat(f.verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void hashNeutralisesUnsafeInlineInScriptSrc() {
        assertThat(csp("default-src 'self'; script-src 'sha256-abc123=' 'unsafe-inline'").result())
                .isEqualTo(CspCheck.NO_UNSAFE);
    }

    @Test
    void reportOnlyAloneIsNotEnforcement() {
        Finding f = check.evaluate(page("Content-Security-Policy-Report-Only", "default-src 'self'"));
        assertThat(f.result()).isEqualTo(CspCheck.REPORT_ONLY);
        assertThat(f.verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void missingHeader() {
        assertThat(check.evaluate(page()).result()).isEqualTo(CspCheck.MISSING);
    }

    @Test
    void twoPoliciesAreIntersectedSoTheStricterOneWins() {
        // one permissive policy plus a strict one: browsers enforce both
        assertThat(csp("script-src * 'unsafe-inline'", "default-src 'self'").result())
                .isEqualTo(CspCheck.NO_UNSAFE);
        // comma-joined policies in one field are two policies too
        assertThat(csp("default-src 'self', script-src 'self' 'unsafe-eval'").result())
                .isEqualTo(CspCheck.NO_UNSAFE);
    }

    @Test
    void observedListsConcreteProblems() {
        // GitHub-style real policy trimmed: no object-src restriction beyond default, has frame-ancestors
        Finding f = csp("default-src 'none'; script-src github.githubassets.com; style-src 'unsafe-inline'"
                + " github.githubassets.com; frame-ancestors 'none'; base-uri 'self'; form-action 'self'");
        assertThat(f.result()).isEqualTo(CspCheck.UNSAFE_STYLE_ONLY);
        assertThat(f.observed()).contains("style-src allows").doesNotContain("no frame-ancestors");

        Finding weak = csp("script-src 'self' 'unsafe-inline' *");
        assertThat(weak.observed()).contains("no object-src or default-src", "no base-uri", "no frame-ancestors",
                "script-src allows");
    }

    @Test
    void hostileValuesDoNotThrow() {
        String huge = "default-src 'self' " + "a.example.com ".repeat(20_000);
        assertThat(csp(huge).result()).isEqualTo(CspCheck.NO_UNSAFE);
        assertThat(csp(huge).observed().length()).isLessThan(1000);
        assertThat(csp("default-src 'self' ünïcödé.example").result()).isEqualTo(CspCheck.INVALID);
        // present but without a single directive: nothing is enforced and the header is malformed
        assertThat(csp(";;;,,,").result()).isEqualTo(CspCheck.INVALID);
        assertThat(csp("\u0000\u0001 garbage=1").result()).isEqualTo(CspCheck.INVALID);
        assertThat(csp("default-src 'self'; default-src *").observed()).contains("repeated directives");
    }
}
