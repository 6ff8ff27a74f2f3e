package dev.vantage.check.security;

import dev.vantage.check.Area;
import dev.vantage.check.Finding;
import dev.vantage.check.PageHeaderCheck;
import dev.vantage.check.Verdict;
import dev.vantage.probe.SiteEvidence;
import dev.vantage.probe.http.HttpResponseEvidence;

import java.util.List;

import static dev.vantage.check.CheckSupport.joined;
import static dev.vantage.check.CheckSupport.norm;
import static dev.vantage.check.CheckSupport.quote;

/**
 * Cross-Origin-Opener-Policy: whether cross-origin windows opened from or opening the page share its browsing
 * context group. Not yet scored by released MDN Observatory (version 4); Vantage prices it conservatively.
 */
public final class CoopCheck extends PageHeaderCheck {

    public static final String SAME_ORIGIN = "coop-implemented-with-same-origin";
    public static final String ALLOW_POPUPS = "coop-implemented-with-same-origin-allow-popups";
    public static final String UNSAFE_NONE = "coop-implemented-with-unsafe-none";
    public static final String MISSING = "coop-not-implemented";
    public static final String INVALID = "coop-header-invalid";

    private static final String FIX = "Send Cross-Origin-Opener-Policy: same-origin (or same-origin-allow-popups"
            + " when the page must open cross-origin popups).";

    public CoopCheck() {
        super("security.coop", Area.SECURITY, "Cross-Origin-Opener-Policy", SAME_ORIGIN, ALLOW_POPUPS, UNSAFE_NONE,
                MISSING, INVALID);
    }

    @Override
    protected Finding evaluate(HttpResponseEvidence page, SiteEvidence evidence) {
        List<String> values = page.headers().values("Cross-Origin-Opener-Policy");
        if (values.isEmpty()) {
            return finding(Verdict.INFO, MISSING, "No Cross-Origin-Opener-Policy header (defaults to unsafe-none).",
                    FIX);
        }
        String shown = "Cross-Origin-Opener-Policy " + quote(joined(values));
        // a structured-field token, optionally followed by parameters such as ;report-to="endpoint"
        String token = values.size() == 1 ? norm(values.get(0).split(";", 2)[0]) : "";
        return switch (token) {
            case "same-origin" -> finding(Verdict.PASS, SAME_ORIGIN, shown + ".", "");
            case "same-origin-allow-popups", "noopener-allow-popups" -> finding(Verdict.PASS, ALLOW_POPUPS,
                    shown + ".", "");
            case "unsafe-none" -> finding(Verdict.INFO, UNSAFE_NONE, shown + ": no isolation from other windows.",
                    FIX);
            default -> finding(Verdict.WARN, INVALID, shown + " is not a valid value, so browsers ignore it.", FIX);
        };
    }
}
