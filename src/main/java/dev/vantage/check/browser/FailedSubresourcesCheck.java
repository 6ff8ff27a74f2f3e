package dev.vantage.check.browser;

import dev.vantage.check.Area;
import dev.vantage.check.Finding;
import dev.vantage.check.Verdict;
import dev.vantage.probe.browser.BrowserEvidence;
import dev.vantage.probe.browser.BrowserEvidence.FailedRequest;

import java.util.List;

/**
 * {@code reliability.failed-subresources}: scripts, styles, images and calls of the page that failed in the browser
 * (HTTP 4xx/5xx, network errors, requests the browser blocked, requests the address policy refused). Each is a part
 * of the page a visitor does not get, so they warn. Query strings are masked: they often carry tokens.
 */
public final class FailedSubresourcesCheck extends BrowserCheck {

    public static final String NONE = "failed-subresources-none";
    public static final String FOUND = "failed-subresources-found";

    public FailedSubresourcesCheck() {
        super("reliability.failed-subresources", Area.RELIABILITY, "Failed subresources", NONE, FOUND);
    }

    @Override
    Finding evaluate(BrowserEvidence browser) {
        if (browser.failed().isEmpty()) {
            return finding(Verdict.PASS, NONE, "every subresource of the page loaded (" + browser.resources().size()
                    + " requests)", "");
        }
        List<String> shown = browser.failed().stream().map(FailedSubresourcesCheck::describe).toList();
        return finding(Verdict.WARN, FOUND, browser.failed().size() + " subresources failed to load: "
                + listed(shown), "Fix or remove each reference: serve the missing files (or stop referencing them), "
                + "fix the failing endpoints, and load nothing from internal addresses on a public page.");
    }

    private static String describe(FailedRequest f) {
        return masked(f.url()) + " (" + f.reason() + ")";
    }
}
