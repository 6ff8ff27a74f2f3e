package dev.vantage.check.browser;

import dev.vantage.check.Area;
import dev.vantage.check.Finding;
import dev.vantage.check.Verdict;
import dev.vantage.probe.browser.BrowserEvidence;

/**
 * {@code reliability.console-errors}: errors the browser logged while loading the page (uncaught exceptions,
 * failed subresources, blocked mixed content, CSP violations). A customer's browser sees them; they warn.
 */
public final class ConsoleErrorsCheck extends BrowserCheck {

    public static final String NONE = "console-errors-none";
    public static final String FOUND = "console-errors-found";

    public ConsoleErrorsCheck() {
        super("reliability.console-errors", Area.RELIABILITY, "Browser console errors", NONE, FOUND);
    }

    @Override
    Finding evaluate(BrowserEvidence browser) {
        if (browser.console().isEmpty()) {
            return finding(Verdict.PASS, NONE, "no console errors while loading the page", "");
        }
        return finding(Verdict.WARN, FOUND, browser.console().size() + " console errors while loading the page: "
                + listed(browser.console()), "Fix the errors the browser console shows on page load (open the "
                + "developer tools on the page): each is a broken script, resource or policy a visitor meets.");
    }
}
