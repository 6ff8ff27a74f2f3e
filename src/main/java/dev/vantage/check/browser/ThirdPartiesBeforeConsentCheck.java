package dev.vantage.check.browser;

import dev.vantage.check.Area;
import dev.vantage.check.Finding;
import dev.vantage.check.Verdict;
import dev.vantage.probe.browser.BrowserEvidence;
import dev.vantage.probe.browser.BrowserEvidence.BrowserCookie;

import java.util.List;

/**
 * {@code launch.third-parties-before-consent}: the third-party origins the page contacted and the cookies it set
 * before any interaction. Privacy rules (GDPR, ePrivacy) expect a consent banner to come first for anything not
 * strictly necessary; whether a given origin or cookie is necessary cannot be judged from outside, so this informs
 * and never moves the grade.
 */
public final class ThirdPartiesBeforeConsentCheck extends BrowserCheck {

    public static final String NONE = "third-parties-none-before-interaction";
    public static final String PRESENT = "third-parties-before-interaction";

    public ThirdPartiesBeforeConsentCheck() {
        super("launch.third-parties-before-consent", Area.LAUNCH_READINESS,
                "Third parties and cookies before consent", NONE, PRESENT);
    }

    @Override
    Finding evaluate(BrowserEvidence browser) {
        List<String> origins = browser.thirdPartyOrigins();
        List<String> cookies = browser.cookies().stream().map(ThirdPartiesBeforeConsentCheck::describe).toList();
        if (origins.isEmpty() && cookies.isEmpty()) {
            return finding(Verdict.INFO, NONE, "before any interaction the page contacted no third-party origin and "
                    + "set no cookie", "");
        }
        return finding(Verdict.INFO, PRESENT, "before any interaction: " + origins.size() + " third-party origins"
                + (origins.isEmpty() ? "" : " (" + listed(origins) + ")") + ", " + cookies.size() + " cookies"
                + (cookies.isEmpty() ? "" : " (" + listed(cookies) + ")"), "Make sure every origin and cookie "
                + "listed is strictly necessary, or load it only after the visitor's consent.");
    }

    /** Name, domain and flags; never the value. */
    private static String describe(BrowserCookie c) {
        return c.name() + " on " + c.domain() + (c.secure() ? " Secure" : "") + (c.httpOnly() ? " HttpOnly" : "")
                + (c.sameSite().isEmpty() ? "" : " SameSite=" + c.sameSite());
    }
}
