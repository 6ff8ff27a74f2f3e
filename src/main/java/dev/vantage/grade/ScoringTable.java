package dev.vantage.grade;

import java.util.Map;
import java.util.Optional;

/**
 * The one scoring table: what each check result is worth (a modifier on the 100-point baseline), which results
 * cap the overall grade, and the table's version (stored with every result so old grades stay explainable).
 * Checks never see scores; they only name results.
 */
public final class ScoringTable {

    private final String version;
    private final Map<String, Integer> modifiers;
    private final Map<String, Grade> caps;

    public ScoringTable(String version, Map<String, Integer> modifiers, Map<String, Grade> caps) {
        this.version = version;
        this.modifiers = Map.copyOf(modifiers);
        this.caps = Map.copyOf(caps);
    }

    /** The table in force; docs/scoring-table.md lists it with every deviation from MDN and the reason. */
    public static ScoringTable current() {
        Map<String, Integer> m = new java.util.LinkedHashMap<>();
        put(m, 0, "page-not-answered");
        // security.redirect (MDN "redirection")
        put(m, 0, "redirection-to-https", "redirection-to-https-temporary", "redirection-not-needed-no-http",
                "redirection-not-probed");
        put(m, -5, "redirection-off-host-from-http");
        put(m, -10, "redirection-not-to-https-on-initial-redirection");
        put(m, -20, "redirection-not-to-https", "redirection-downgrade", "redirection-missing",
                "redirection-invalid-cert", "redirection-loop", "redirection-too-many-hops",
                "redirection-bad-location", "redirection-hop-failed");
        // security.hsts
        put(m, 5, "hsts-preloaded");
        put(m, 0, "hsts-implemented-max-age-at-least-six-months");
        put(m, -10, "hsts-implemented-max-age-less-than-six-months");
        put(m, -20, "hsts-not-implemented", "hsts-header-invalid", "hsts-not-implemented-no-https",
                "hsts-invalid-cert");
        // security.csp
        put(m, 10, "csp-implemented-with-no-unsafe-default-src-none");
        put(m, 5, "csp-implemented-with-no-unsafe");
        put(m, 0, "csp-implemented-with-unsafe-inline-in-style-src-only");
        put(m, -10, "csp-implemented-with-insecure-scheme-in-passive-content-only",
                "csp-implemented-with-unsafe-eval");
        put(m, -20, "csp-implemented-with-unsafe-inline", "csp-implemented-with-insecure-scheme");
        put(m, -25, "csp-header-invalid", "csp-not-implemented", "csp-not-implemented-but-reporting-enabled");
        // security.x-content-type-options
        put(m, 0, "x-content-type-options-nosniff");
        put(m, -5, "x-content-type-options-not-implemented", "x-content-type-options-header-invalid");
        // security.frame-protection (MDN "x-frame-options")
        put(m, 5, "x-frame-options-implemented-via-csp");
        put(m, 0, "x-frame-options-sameorigin-or-deny", "x-frame-options-allow-from-origin");
        put(m, -20, "x-frame-options-not-implemented", "x-frame-options-header-invalid");
        // security.referrer-policy
        put(m, 5, "referrer-policy-private");
        put(m, 0, "referrer-policy-not-implemented");
        put(m, -5, "referrer-policy-unsafe", "referrer-policy-header-invalid");
        // security.permissions-policy (Vantage addition: informs, never moves the grade)
        put(m, 0, "permissions-policy-implemented", "permissions-policy-not-implemented",
                "permissions-policy-header-invalid");
        // security.corp
        put(m, 10, "corp-implemented-with-same-origin", "corp-implemented-with-same-site");
        put(m, 0, "corp-implemented-with-cross-origin", "corp-not-implemented");
        put(m, -5, "corp-header-invalid");
        // security.coop (unreleased in MDN v4; no bonus yet)
        put(m, 0, "coop-implemented-with-same-origin", "coop-implemented-with-same-origin-allow-popups",
                "coop-implemented-with-unsafe-none", "coop-not-implemented");
        put(m, -5, "coop-header-invalid");
        // security.cookies
        put(m, 5, "cookies-secure-with-httponly-sessions-and-samesite");
        put(m, 0, "cookies-secure-with-httponly-sessions", "cookies-not-found");
        put(m, -5, "cookies-without-secure-flag-but-protected-by-hsts", "cookies-prefix-invalid");
        put(m, -10, "cookies-session-without-secure-flag-but-protected-by-hsts");
        put(m, -20, "cookies-without-secure-flag", "cookies-samesite-flag-invalid",
                "cookies-anticsrf-without-samesite-flag");
        put(m, -30, "cookies-session-without-httponly-flag");
        put(m, -40, "cookies-session-without-secure-flag");
        // security.cors
        put(m, 0, "cross-origin-resource-sharing-not-implemented",
                "cross-origin-resource-sharing-implemented-with-public-access",
                "cross-origin-resource-sharing-implemented-with-restricted-access",
                "cross-origin-resource-sharing-not-probed");
        put(m, -10, "cross-origin-resource-sharing-reflects-any-origin");
        put(m, -50, "cross-origin-resource-sharing-implemented-with-universal-access");
        // security.version-banners (Vantage addition)
        put(m, 0, "version-banner-not-found", "version-banner-product-only");
        put(m, -5, "version-banner-reveals-version");
        // reliability.page-status (Vantage: the reliability area's score)
        put(m, 0, "page-status-ok");
        put(m, -30, "page-status-client-error", "page-status-unexpected");
        put(m, -50, "page-status-server-error", "page-redirect-bad-location");
        put(m, -100, "page-redirect-loop", "page-too-many-redirects", "page-unreachable");
        // reliability.header-syntax (Vantage addition, 2026.11-4)
        put(m, 0, "header-syntax-valid");
        put(m, -5, "header-syntax-invalid");
        // performance (informational at first)
        put(m, 0, "compression-used", "compression-missing", "compression-not-needed", "caching-policy-present",
                "caching-no-store", "caching-headers-missing", "caching-header-invalid", "caching-public-with-cookies");
        // security.sensitive-files, security.secrets-in-frontend (docs/exposure.md)
        put(m, 0, "sensitive-files-none", "sensitive-files-incomplete", "sensitive-files-not-probed",
                "secrets-in-frontend-none", "secrets-in-frontend-not-probed");
        put(m, -5, "source-map-exposed");
        put(m, -10, "sensitive-file-minor-exposed");
        put(m, -40, "sensitive-file-exposed");
        put(m, -50, "secret-in-frontend");
        // reliability.not-found, malformed-request, error-disclosure, trace
        put(m, 0, "not-found-404", "not-found-other-4xx", "not-found-redirect", "not-found-no-answer",
                "not-found-not-probed", "malformed-request-rejected", "malformed-request-accepted",
                "malformed-request-untested", "malformed-request-not-probed", "error-disclosure-none",
                "error-disclosure-not-probed", "trace-disabled", "trace-answered-without-echo", "trace-untested",
                "trace-not-probed");
        put(m, -5, "not-found-soft-200");
        put(m, -10, "not-found-server-error", "malformed-request-server-error", "trace-echoes");
        put(m, -20, "stack-trace-exposed");
        put(m, -40, "debug-page-exposed");
        // observability.security-txt, observability.health-endpoint
        put(m, 5, "security-txt-valid");
        put(m, 0, "security-txt-missing", "security-txt-not-probed", "health-endpoint-ok", "health-endpoint-missing",
                "health-endpoint-not-probed", "security-txt-unreachable", "health-endpoint-unreachable");
        put(m, -5, "security-txt-expired", "security-txt-invalid", "health-endpoint-slow");
        put(m, -10, "health-endpoint-leaks-internals");
        // security.rate-limit, reliability.rate-limit-recovery (docs/rate-limit.md)
        put(m, 0, "rate-limit-429-retry-after", "rate-limit-unreachable", "rate-limit-not-probed",
                "rate-limit-recovers", "rate-limit-recovery-not-tested", "rate-limit-recovery-not-applicable");
        put(m, -5, "rate-limit-429-without-retry-after", "rate-limit-non-standard-4xx");
        put(m, -10, "rate-limit-bare-5xx", "rate-limit-connection-dropped", "rate-limit-never-recovers");
        put(m, -20, "rate-limit-none");
        // tls.* (docs/tls.md): results are prefixed with the check id; "no-tls"/"not-inspected"/"no-certificate"
        // are not applicable and worth 0, "error" means the check could not run.
        for (String id : new String[] {"protocols", "ciphers", "forward-secrecy", "aead", "compression",
                "renegotiation", "certificate-trust", "certificate-expiry", "certificate-hostname", "certificate-key",
                "certificate-signature", "certificate-chain"}) {
            put(m, 0, "tls-" + id + "-not-inspected", "tls-" + id + "-error");
            if (!id.equals("protocols")) {
                put(m, 0, "tls-" + id + "-no-tls");
            }
            if (id.startsWith("certificate-")) {
                put(m, 0, "tls-" + id + "-no-certificate");
            }
        }
        put(m, 0, "tls-protocols-modern", "tls-ciphers-strong", "tls-forward-secrecy-all", "tls-aead-all",
                "tls-aead-partial", "tls-compression-off", "tls-compression-not-tested", "tls-renegotiation-secure",
                "tls-renegotiation-not-applicable", "tls-certificate-trust-trusted", "tls-certificate-expiry-valid",
                "tls-certificate-hostname-match", "tls-certificate-key-strong", "tls-certificate-signature-sha2",
                "tls-certificate-chain-complete");
        put(m, -5, "tls-protocols-no-tls13", "tls-forward-secrecy-partial", "tls-certificate-expiry-expires-soon",
                "tls-certificate-chain-misordered");
        put(m, -10, "tls-aead-none", "tls-renegotiation-insecure");
        put(m, -20, "tls-protocols-legacy-enabled", "tls-ciphers-weak", "tls-forward-secrecy-none",
                "tls-compression-on", "tls-certificate-key-weak", "tls-certificate-signature-sha1",
                "tls-certificate-chain-incomplete");
        put(m, -40, "tls-protocols-ssl-enabled", "tls-ciphers-insecure", "tls-certificate-signature-md5");
        put(m, -50, "tls-protocols-no-tls", "tls-certificate-trust-self-signed", "tls-certificate-trust-untrusted",
                "tls-certificate-expiry-expired", "tls-certificate-expiry-not-yet-valid",
                "tls-certificate-hostname-mismatch");
        // tls.rating: the letter itself moves no points (the tls.* findings above do); it caps the grade below.
        put(m, 0, "tls-rating-a-plus", "tls-rating-a", "tls-rating-a-minus", "tls-rating-b", "tls-rating-c",
                "tls-rating-d", "tls-rating-e", "tls-rating-f", "tls-rating-t", "tls-rating-m",
                "tls-rating-not-inspected");
        // performance.load, performance.load-degradation (docs/load.md): opt-in, so absent runs cost nothing
        put(m, 0, "load-within-thresholds", "load-refused", "load-unreachable", "load-closed-loop-benchmark",
                "load-not-configured", "load-degradation-low", "load-degradation-not-measured");
        put(m, -5, "load-deadline-passed", "load-degradation-moderate");
        put(m, -10, "load-p95-over-threshold", "load-degradation-severe");
        put(m, -15, "load-errors-over-threshold");
        put(m, -20, "load-stopped-early");
        // browser audit (docs/browser.md, since 2026.11-5): not run or failed costs nothing
        put(m, 0, "browser-not-run", "browser-audit-failed");
        // security.mixed-content: W3C active / passive categories; passive as MDN's CSP "http: in passive only"
        put(m, 0, "mixed-content-none", "mixed-content-not-https");
        put(m, -10, "mixed-content-passive");
        put(m, -20, "mixed-content-active");
        // security.subresource-integrity: MDN Observatory's SRI test, rendered DOM instead of raw HTML
        put(m, 5, "sri-implemented-and-external-scripts-loaded-securely");
        put(m, 0, "sri-not-implemented-but-all-scripts-loaded-from-secure-origin",
                "sri-not-implemented-but-no-scripts-loaded");
        put(m, -5, "sri-not-implemented-but-external-scripts-loaded-securely");
        put(m, -20, "sri-implemented-but-external-scripts-not-loaded-securely");
        put(m, -50, "sri-not-implemented-and-external-scripts-not-loaded-securely");
        // reliability.console-errors
        put(m, 0, "console-errors-none");
        put(m, -5, "console-errors-found");
        // performance.web-vitals: Core Web Vitals thresholds
        put(m, 0, "web-vitals-good", "web-vitals-not-measured");
        put(m, -5, "web-vitals-needs-improvement");
        put(m, -10, "web-vitals-poor");
        // reliability.failed-subresources, security.csp-violations (2026.11-6): broken parts of the page warn
        put(m, 0, "failed-subresources-none", "csp-violations-none", "csp-violations-report-only");
        put(m, -5, "failed-subresources-found", "csp-violations-enforced");
        // launch.third-parties-before-consent: informs only
        put(m, 0, "third-parties-none-before-interaction", "third-parties-before-interaction");
        // launch.analytics (2026.11-6, 0-valued rows only): reports what it saw, never grades it
        put(m, 0, "analytics-found", "analytics-none-seen");
        // known-vulnerable software (docs/datasets.md, 2026.11-6): security.vulnerable-libraries by the worst
        // advisory's severity; launch.end-of-life-software for a server release without security fixes
        put(m, 0, "vulnerable-libraries-none-detected", "vulnerable-libraries-none", "end-of-life-software-none",
                "end-of-life-software-unknown");
        put(m, -5, "vulnerable-library-low");
        put(m, -10, "vulnerable-library-medium", "end-of-life-software-found");
        put(m, -20, "vulnerable-library-high");

        Map<String, Grade> caps = new java.util.LinkedHashMap<>();
        // an invalid or expired certificate: browsers show a full-page warning, so no better than C
        caps.put("redirection-invalid-cert", Grade.C);
        caps.put("hsts-invalid-cert", Grade.C);
        // credentialed reads by any site: account takeover class, never better than C
        caps.put("cross-origin-resource-sharing-implemented-with-universal-access", Grade.C);
        // a page that does not work at all cannot pass a production-readiness gate
        for (String r : new String[] {"page-status-server-error", "page-unreachable", "page-redirect-loop",
                "page-too-many-redirects"}) {
            caps.put(r, Grade.F);
        }
        // exposed secrets and files are incidents waiting to happen, whatever the headers say
        caps.put("sensitive-file-exposed", Grade.C);
        caps.put("debug-page-exposed", Grade.C);
        caps.put("secret-in-frontend", Grade.D);
        // the TLS rating caps the overall grade (SSL Labs: T and M override every letter; an expired certificate
        // can never score A overall)
        caps.put("tls-rating-b", Grade.B);
        caps.put("tls-rating-c", Grade.C);
        caps.put("tls-rating-d", Grade.D);
        caps.put("tls-rating-e", Grade.D_MINUS);
        for (String r : new String[] {"tls-rating-f", "tls-rating-t", "tls-rating-m", "tls-protocols-no-tls",
                "tls-certificate-trust-self-signed", "tls-certificate-trust-untrusted", "tls-certificate-expiry-expired",
                "tls-certificate-expiry-not-yet-valid", "tls-certificate-hostname-mismatch"}) {
            caps.put(r, Grade.F);
        }
        return new ScoringTable(VERSION, m, caps);
    }

    /** Bumped whenever a modifier or cap changes, so stored grades stay explainable. */
    private static final String VERSION = "2026.11-6";

    private static void put(Map<String, Integer> table, int modifier, String... results) {
        for (String r : results) {
            if (table.putIfAbsent(r, modifier) != null) {
                throw new IllegalStateException("result priced twice: " + r);
            }
        }
    }

    public String version() {
        return version;
    }

    /** True when the table prices this result (tests assert every result a check can return is priced). */
    public boolean prices(String result) {
        return modifiers.containsKey(result);
    }

    /** The modifier of a result; a result the table does not know is worth 0 (and fails the completeness test). */
    public int modifier(String result) {
        return modifiers.getOrDefault(result, 0);
    }

    /** The best overall grade a site can get when this result is present, if the result caps it. */
    public Optional<Grade> cap(String result) {
        return Optional.ofNullable(caps.get(result));
    }
}
