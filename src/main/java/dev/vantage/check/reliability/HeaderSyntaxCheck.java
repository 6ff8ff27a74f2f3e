package dev.vantage.check.reliability;

import dev.vantage.check.Area;
import dev.vantage.check.Finding;
import dev.vantage.check.PageHeaderCheck;
import dev.vantage.check.Verdict;
import dev.vantage.probe.SiteEvidence;
import dev.vantage.probe.http.HttpResponseEvidence;

import static dev.vantage.check.CheckSupport.quote;

/**
 * Header lines that are not valid HTTP (control bytes in a value, a name that is not a token). Browsers and
 * proxies reject or drop them, differently from each other; the rest of the page is still graded without them.
 */
public final class HeaderSyntaxCheck extends PageHeaderCheck {

    public static final String VALID = "header-syntax-valid";
    public static final String INVALID = "header-syntax-invalid";

    public HeaderSyntaxCheck() {
        super("reliability.header-syntax", Area.RELIABILITY, "Header syntax", VALID, INVALID);
    }

    @Override
    protected Finding evaluate(HttpResponseEvidence page, SiteEvidence evidence) {
        if (page.malformedHeaders().isEmpty()) {
            return finding(Verdict.PASS, VALID, "Every header line is valid HTTP.", "");
        }
        return finding(Verdict.FAIL, INVALID, page.malformedHeaders().size() + " header line(s) are not valid HTTP, "
                        + "e.g. " + quote(page.malformedHeaders().get(0)) + "; they were left out of the graded headers.",
                "Remove control characters from header values and use token characters in header names: browsers "
                        + "and proxies reject or drop such lines, each in their own way.");
    }
}
