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

/** Cross-Origin-Resource-Policy: whether other sites may embed this response (MDN's CORP test). */
public final class CorpCheck extends PageHeaderCheck {

    public static final String SAME_ORIGIN = "corp-implemented-with-same-origin";
    public static final String SAME_SITE = "corp-implemented-with-same-site";
    public static final String CROSS_ORIGIN = "corp-implemented-with-cross-origin";
    public static final String MISSING = "corp-not-implemented";
    public static final String INVALID = "corp-header-invalid";

    private static final String FIX = "Send Cross-Origin-Resource-Policy: same-origin (or same-site) unless other"
            + " sites must embed this resource.";

    public CorpCheck() {
        super("security.corp", Area.SECURITY, "Cross-Origin-Resource-Policy", SAME_ORIGIN, SAME_SITE, CROSS_ORIGIN,
                MISSING, INVALID);
    }

    @Override
    protected Finding evaluate(HttpResponseEvidence page, SiteEvidence evidence) {
        List<String> values = page.headers().values("Cross-Origin-Resource-Policy");
        if (values.isEmpty()) {
            return finding(Verdict.INFO, MISSING, "No Cross-Origin-Resource-Policy header (defaults to cross-origin).",
                    FIX);
        }
        String shown = "Cross-Origin-Resource-Policy " + quote(joined(values));
        // Fetch treats several values as a parse failure: the header is then ignored
        return switch (values.size() == 1 ? norm(values.get(0)) : "") {
            case "same-origin" -> finding(Verdict.PASS, SAME_ORIGIN, shown + ".", "");
            case "same-site" -> finding(Verdict.PASS, SAME_SITE, shown + ".", "");
            case "cross-origin" -> finding(Verdict.INFO, CROSS_ORIGIN, shown + ": any site may embed the page.", FIX);
            default -> finding(Verdict.WARN, INVALID, shown + " is not a valid value, so browsers ignore it.", FIX);
        };
    }
}
