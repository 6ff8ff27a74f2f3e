package dev.vantage.check.security;

import dev.vantage.check.Area;
import dev.vantage.check.Finding;
import dev.vantage.check.PageHeaderCheck;
import dev.vantage.check.Verdict;
import dev.vantage.probe.SiteEvidence;
import dev.vantage.probe.http.HttpResponseEvidence;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import static dev.vantage.check.CheckSupport.joined;
import static dev.vantage.check.CheckSupport.quote;

/** Clickjacking protection: CSP frame-ancestors (preferred) or X-Frame-Options DENY/SAMEORIGIN. */
public final class FrameProtectionCheck extends PageHeaderCheck {

    public static final String VIA_CSP = "x-frame-options-implemented-via-csp";
    public static final String SAMEORIGIN_OR_DENY = "x-frame-options-sameorigin-or-deny";
    public static final String ALLOW_FROM = "x-frame-options-allow-from-origin";
    public static final String MISSING = "x-frame-options-not-implemented";
    public static final String INVALID = "x-frame-options-header-invalid";

    private static final String FIX = "Send Content-Security-Policy: frame-ancestors 'none' (or 'self'), and"
            + " X-Frame-Options: DENY for old browsers.";

    public FrameProtectionCheck() {
        super("security.frame-protection", Area.SECURITY, "Frame protection", VIA_CSP, SAMEORIGIN_OR_DENY,
                ALLOW_FROM, MISSING, INVALID);
    }

    @Override
    protected Finding evaluate(HttpResponseEvidence page, SiteEvidence evidence) {
        List<String> csp = page.headers().values("Content-Security-Policy");
        if (!csp.isEmpty()) {
            try {
                CspPolicies policies = CspPolicies.parse(csp);
                if (policies.has("frame-ancestors") && !CspPolicies.isBroad(policies.effective("frame-ancestors"))) {
                    return finding(Verdict.PASS, VIA_CSP, "CSP frame-ancestors "
                            + quote(String.join(" ", policies.effective("frame-ancestors"))) + ".", "");
                }
            } catch (IllegalArgumentException e) {
                // an unparsable CSP gives no frame protection; security.csp reports the syntax error
            }
        }
        List<String> xfo = page.headers().values("X-Frame-Options");
        if (xfo.isEmpty()) {
            return finding(Verdict.FAIL, MISSING, "Neither CSP frame-ancestors nor X-Frame-Options is set.", FIX);
        }
        String shown = quote(joined(xfo));
        // several fields or comma-separated values: browsers honour them only when all agree
        Set<String> distinct = new java.util.HashSet<>();
        for (String v : xfo) {
            for (String part : v.split(",", -1)) {
                distinct.add(part.trim().toUpperCase(Locale.ROOT));
            }
        }
        if (distinct.size() != 1) {
            return finding(Verdict.FAIL, INVALID, "X-Frame-Options " + shown + " has conflicting values.", FIX);
        }
        String value = distinct.iterator().next();
        if (value.equals("DENY") || value.equals("SAMEORIGIN")) {
            return finding(Verdict.PASS, SAMEORIGIN_OR_DENY, "X-Frame-Options " + shown + ".", "");
        }
        if (value.startsWith("ALLOW-FROM")) {
            return finding(Verdict.WARN, ALLOW_FROM, "X-Frame-Options " + shown
                    + ": ALLOW-FROM is ignored by current browsers.", FIX);
        }
        return finding(Verdict.FAIL, INVALID, "X-Frame-Options " + shown + " is not DENY or SAMEORIGIN.", FIX);
    }
}
