package dev.vantage.check.security;

import dev.vantage.check.Area;
import dev.vantage.check.Finding;
import dev.vantage.check.PageHeaderCheck;
import dev.vantage.check.Verdict;
import dev.vantage.probe.SiteEvidence;
import dev.vantage.probe.http.HttpResponseEvidence;

import java.util.List;

import static dev.vantage.check.CheckSupport.joined;
import static dev.vantage.check.CheckSupport.quote;

/** X-Content-Type-Options: nosniff stops browsers from guessing a script out of a mislabelled response. */
public final class ContentTypeOptionsCheck extends PageHeaderCheck {

    public static final String NOSNIFF = "x-content-type-options-nosniff";
    public static final String MISSING = "x-content-type-options-not-implemented";
    public static final String INVALID = "x-content-type-options-header-invalid";

    public ContentTypeOptionsCheck() {
        super("security.x-content-type-options", Area.SECURITY, "X-Content-Type-Options", NOSNIFF, MISSING, INVALID);
    }

    @Override
    protected Finding evaluate(HttpResponseEvidence page, SiteEvidence evidence) {
        List<String> values = page.headers().values("X-Content-Type-Options");
        String fix = "Send X-Content-Type-Options: nosniff.";
        if (values.isEmpty()) {
            return finding(Verdict.FAIL, MISSING, "No X-Content-Type-Options header.", fix);
        }
        // Fetch reads the first comma-separated value of the combined field (Fetch "determine nosniff").
        String first = joined(values).split(",", -1)[0].trim();
        if (first.equalsIgnoreCase("nosniff")) {
            return finding(Verdict.PASS, NOSNIFF, "X-Content-Type-Options " + quote(joined(values)) + ".", "");
        }
        return finding(Verdict.FAIL, INVALID, "X-Content-Type-Options " + quote(joined(values))
                + " is not nosniff.", fix);
    }
}
