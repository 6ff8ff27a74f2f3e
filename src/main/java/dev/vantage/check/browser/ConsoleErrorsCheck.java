package dev.vantage.check.browser;

import dev.vantage.check.Area;
import dev.vantage.check.Finding;
import dev.vantage.check.Verdict;
import dev.vantage.probe.browser.BrowserEvidence;

/**
 * {@code reliability.console-errors}: errors the browser logged while loading the page (uncaught exceptions,
 * blocked mixed content, CSP violations, script errors). A customer's browser sees them; they warn. The browser's
 * "Failed to load resource" lines are left out: {@code reliability.failed-subresources} grades each failed request
 * once, and leaves out the favicon the browser asks for on its own.
 */
public final class ConsoleErrorsCheck extends BrowserCheck {

    public static final String NONE = "console-errors-none";
    public static final String FOUND = "console-errors-found";
    /** Chromium's console line for a failed request ({@code <url> - Failed to load resource: ...}). */
    static final String FAILED_LOAD = " - Failed to load resource: ";

    public ConsoleErrorsCheck() {
        super("reliability.console-errors", Area.RELIABILITY, "Browser console errors", NONE, FOUND);
    }

    @Override
    Finding evaluate(BrowserEvidence browser) {
        java.util.List<String> errors = browser.console().stream().filter(e -> !e.contains(FAILED_LOAD)).toList();
        if (errors.isEmpty()) {
            return finding(Verdict.PASS, NONE, "no console errors while loading the page", "");
        }
        return finding(Verdict.WARN, FOUND, errors.size() + " console errors while loading the page: "
                + listed(errors), "Fix the errors the browser console shows on page load (open the "
                + "developer tools on the page): each is a broken script, resource or policy a visitor meets.");
    }
}
