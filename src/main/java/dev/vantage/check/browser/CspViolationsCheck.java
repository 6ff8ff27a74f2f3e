package dev.vantage.check.browser;

import dev.vantage.check.Area;
import dev.vantage.check.Finding;
import dev.vantage.check.Verdict;
import dev.vantage.probe.browser.BrowserEvidence;
import dev.vantage.probe.browser.BrowserEvidence.CspViolation;

import java.util.List;

/**
 * {@code security.csp-violations}: Content-Security-Policy violations the browser reported while loading the page.
 * An enforced policy that blocks part of the site's own page means the policy and the page disagree: either the
 * page is broken, or (worse) the policy is about to be loosened to fix it; it warns. Violations of a report-only
 * policy are the policy doing its job before enforcement, so they inform. {@code security.csp} grades the policy
 * text itself.
 */
public final class CspViolationsCheck extends BrowserCheck {

    public static final String NONE = "csp-violations-none";
    public static final String REPORT_ONLY = "csp-violations-report-only";
    public static final String ENFORCED = "csp-violations-enforced";

    public CspViolationsCheck() {
        super("security.csp-violations", Area.SECURITY, "CSP violations in the browser", NONE, REPORT_ONLY, ENFORCED);
    }

    @Override
    Finding evaluate(BrowserEvidence browser) {
        List<String> enforced = described(browser, true);
        List<String> reported = described(browser, false);
        if (!enforced.isEmpty()) {
            return finding(Verdict.WARN, ENFORCED, enforced.size() + " CSP violations blocked by the enforced "
                    + "policy: " + listed(enforced) + (reported.isEmpty() ? "" : "; report-only: "
                    + listed(reported)), "Make the page and its policy agree: move inline code to files, list the "
                    + "origins the page really needs in the named directives, and remove references to the rest.");
        }
        if (!reported.isEmpty()) {
            return finding(Verdict.INFO, REPORT_ONLY, reported.size() + " violations of the report-only policy: "
                    + listed(reported), "Resolve these before enforcing the policy, or they will be blocked.");
        }
        return finding(Verdict.PASS, NONE, "the browser reported no CSP violation while loading the page", "");
    }

    private static List<String> described(BrowserEvidence browser, boolean enforce) {
        return browser.csp().stream().filter(v -> "report".equals(v.disposition()) != enforce)
                .map(CspViolationsCheck::describe).distinct().toList();
    }

    private static String describe(CspViolation v) {
        return v.directive() + " blocked " + (v.blocked().isEmpty() ? "inline" : masked(v.blocked()));
    }
}
