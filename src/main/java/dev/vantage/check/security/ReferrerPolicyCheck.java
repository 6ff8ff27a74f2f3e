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

/** Referrer-Policy: how much of the page URL leaks to other sites. The last valid token wins (W3C spec). */
public final class ReferrerPolicyCheck extends PageHeaderCheck {

    public static final String PRIVATE = "referrer-policy-private";
    public static final String MISSING = "referrer-policy-not-implemented";
    public static final String UNSAFE = "referrer-policy-unsafe";
    public static final String INVALID = "referrer-policy-header-invalid";

    private static final Set<String> PRIVATE_VALUES = Set.of("no-referrer", "same-origin", "strict-origin",
            "strict-origin-when-cross-origin");
    private static final Set<String> UNSAFE_VALUES = Set.of("origin", "origin-when-cross-origin", "unsafe-url",
            "no-referrer-when-downgrade");
    private static final String FIX = "Send Referrer-Policy: strict-origin-when-cross-origin (or stricter).";

    public ReferrerPolicyCheck() {
        super("security.referrer-policy", Area.SECURITY, "Referrer-Policy", PRIVATE, MISSING, UNSAFE, INVALID);
    }

    @Override
    protected Finding evaluate(HttpResponseEvidence page, SiteEvidence evidence) {
        List<String> values = page.headers().values("Referrer-Policy");
        if (values.isEmpty()) {
            return finding(Verdict.INFO, MISSING, "No Referrer-Policy header (browsers default to"
                    + " strict-origin-when-cross-origin).", FIX);
        }
        String shown = quote(joined(values));
        String effective = null;
        for (String token : joined(values).split(",", -1)) {
            String t = token.trim().toLowerCase(Locale.ROOT);
            if (PRIVATE_VALUES.contains(t) || UNSAFE_VALUES.contains(t)) {
                effective = t;
            }
        }
        if (effective == null) {
            return finding(Verdict.FAIL, INVALID, "Referrer-Policy " + shown + " has no valid policy.", FIX);
        }
        if (PRIVATE_VALUES.contains(effective)) {
            return finding(Verdict.PASS, PRIVATE, "Referrer-Policy " + shown + " (effective: " + effective + ").", "");
        }
        return finding(Verdict.FAIL, UNSAFE, "Referrer-Policy " + shown + " (effective: " + effective
                + ") leaks page URLs to other sites.", FIX);
    }
}
