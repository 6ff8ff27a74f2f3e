package dev.vantage.check.security;

import dev.vantage.check.Check;
import dev.vantage.check.Verdict;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.stream.Stream;

import static dev.vantage.check.EvidenceFixtures.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** The single-header checks, table driven: header name/value pairs in, result out. */
class HeaderChecksTest {

    static Stream<Arguments> cases() {
        Check xcto = new ContentTypeOptionsCheck();
        Check frame = new FrameProtectionCheck();
        Check ref = new ReferrerPolicyCheck();
        Check pp = new PermissionsPolicyCheck();
        Check corp = new CorpCheck();
        Check coop = new CoopCheck();
        Check banner = new VersionBannerCheck();
        return Stream.of(
                arguments(xcto, new String[] {"X-Content-Type-Options", "nosniff"}, "x-content-type-options-nosniff"),
                arguments(xcto, new String[] {"X-Content-Type-Options", "NoSniff, nosniff"}, "x-content-type-options-nosniff"),
                arguments(xcto, new String[] {}, "x-content-type-options-not-implemented"),
                arguments(xcto, new String[] {"X-Content-Type-Options", "no-sniff"}, "x-content-type-options-header-invalid"),
                arguments(frame, new String[] {"Content-Security-Policy", "frame-ancestors 'self'"}, "x-frame-options-implemented-via-csp"),
                arguments(frame, new String[] {"Content-Security-Policy", "frame-ancestors *", "X-Frame-Options", "DENY"}, "x-frame-options-sameorigin-or-deny"),
                arguments(frame, new String[] {"X-Frame-Options", "sameorigin"}, "x-frame-options-sameorigin-or-deny"),
                arguments(frame, new String[] {"X-Frame-Options", "ALLOW-FROM https://a.example"}, "x-frame-options-allow-from-origin"),
                arguments(frame, new String[] {"X-Frame-Options", "DENY", "X-Frame-Options", "SAMEORIGIN"}, "x-frame-options-header-invalid"),
                arguments(frame, new String[] {"X-Frame-Options", "GOFORIT"}, "x-frame-options-header-invalid"),
                arguments(frame, new String[] {}, "x-frame-options-not-implemented"),
                arguments(ref, new String[] {"Referrer-Policy", "strict-origin-when-cross-origin"}, "referrer-policy-private"),
                arguments(ref, new String[] {"Referrer-Policy", "no-referrer, unsafe-url"}, "referrer-policy-unsafe"),
                arguments(ref, new String[] {"Referrer-Policy", "unsafe-url, bogus, same-origin, bogus2"}, "referrer-policy-private"),
                arguments(ref, new String[] {"Referrer-Policy", "no-referrer-when-downgrade"}, "referrer-policy-unsafe"),
                arguments(ref, new String[] {"Referrer-Policy", "bogus"}, "referrer-policy-header-invalid"),
                arguments(ref, new String[] {}, "referrer-policy-not-implemented"),
                arguments(pp, new String[] {"Permissions-Policy", "camera=(), geolocation=(self \"https://maps.example\"), interest-cohort=()"}, "permissions-policy-implemented"),
                arguments(pp, new String[] {"Permissions-Policy", "fullscreen=*"}, "permissions-policy-implemented"),
                arguments(pp, new String[] {"Permissions-Policy", "camera 'none'; microphone 'none'"}, "permissions-policy-header-invalid"),
                arguments(pp, new String[] {"Feature-Policy", "camera 'none'"}, "permissions-policy-not-implemented"),
                arguments(corp, new String[] {"Cross-Origin-Resource-Policy", "same-origin"}, "corp-implemented-with-same-origin"),
                arguments(corp, new String[] {"Cross-Origin-Resource-Policy", "Same-Site"}, "corp-implemented-with-same-site"),
                arguments(corp, new String[] {"Cross-Origin-Resource-Policy", "cross-origin"}, "corp-implemented-with-cross-origin"),
                arguments(corp, new String[] {"Cross-Origin-Resource-Policy", "same-origin, same-site"}, "corp-header-invalid"),
                arguments(corp, new String[] {}, "corp-not-implemented"),
                arguments(coop, new String[] {"Cross-Origin-Opener-Policy", "same-origin; report-to=\"coop\""}, "coop-implemented-with-same-origin"),
                arguments(coop, new String[] {"Cross-Origin-Opener-Policy", "same-origin-allow-popups"}, "coop-implemented-with-same-origin-allow-popups"),
                arguments(coop, new String[] {"Cross-Origin-Opener-Policy", "unsafe-none"}, "coop-implemented-with-unsafe-none"),
                arguments(coop, new String[] {"Cross-Origin-Opener-Policy", "same_origin"}, "coop-header-invalid"),
                arguments(coop, new String[] {}, "coop-not-implemented"),
                arguments(banner, new String[] {"Server", "nginx/1.25.3", "X-Powered-By", "PHP/8.2.12"}, "version-banner-reveals-version"),
                arguments(banner, new String[] {"Server", "Microsoft-IIS/10.0", "X-AspNet-Version", "4.0.30319"}, "version-banner-reveals-version"),
                arguments(banner, new String[] {"Server", "Apache/2.4.62 (Debian)"}, "version-banner-reveals-version"),
                arguments(banner, new String[] {"Server", "cloudflare"}, "version-banner-product-only"),
                arguments(banner, new String[] {"X-Powered-By", "Express"}, "version-banner-product-only"),
                arguments(banner, new String[] {}, "version-banner-not-found"));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("cases")
    void grades(Check check, String[] headers, String result) {
        var f = check.evaluate(page(headers));
        assertThat(f.result()).isEqualTo(result);
        assertThat(check.results()).contains(result);
    }

    @Test
    void versionBannerNamesTheHeaderAndValue() {
        var f = new VersionBannerCheck().evaluate(page("Server", "nginx/1.25.3"));
        assertThat(f.verdict()).isEqualTo(Verdict.WARN);
        assertThat(f.observed()).contains("Server: \"nginx/1.25.3\"");
    }

    @Test
    void hugeAllowlistsDoNotOverflowTheStack() {
        String many = "camera=(" + "self ".repeat(200_000) + "\"https://a.example\")";
        assertThat(new PermissionsPolicyCheck().evaluate(page("Permissions-Policy", many)).result())
                .isEqualTo(PermissionsPolicyCheck.IMPLEMENTED);
        String manyFeatures = "a=(), ".repeat(100_000) + "b=()";
        assertThat(new PermissionsPolicyCheck().evaluate(page("Permissions-Policy", manyFeatures)).observed())
                .contains("100001 feature(s)");
    }

    @Test
    void hostileHeaderValuesAreQuotedShortAndEscaped() {
        String garbage = "\u0000\r\n<script>" + "x".repeat(200_000);
        for (Check c : new Check[] {new ContentTypeOptionsCheck(), new FrameProtectionCheck(),
                new ReferrerPolicyCheck(), new PermissionsPolicyCheck(), new CorpCheck(), new CoopCheck(),
                new VersionBannerCheck()}) {
            var f = c.evaluate(page("X-Content-Type-Options", garbage, "X-Frame-Options", garbage,
                    "Referrer-Policy", garbage, "Permissions-Policy", garbage, "Cross-Origin-Resource-Policy", garbage,
                    "Cross-Origin-Opener-Policy", garbage, "Server", garbage, "Content-Security-Policy", garbage));
            assertThat(f.observed()).as(c.id()).hasSizeLessThan(2_000).doesNotContain("\r", "\n", "\u0000");
        }
    }
}
