package dev.vantage.check.browser;

import dev.vantage.check.Check;

import java.util.List;

/** The checks that read the browser audit, in report order (docs/browser.md). */
public final class BrowserChecks {

    private BrowserChecks() {
    }

    public static List<Check> all() {
        return List.of(new MixedContentCheck(), new SubresourceIntegrityCheck(), new ConsoleErrorsCheck(),
                new WebVitalsCheck(), new ThirdPartiesBeforeConsentCheck(), new FailedSubresourcesCheck(),
                new CspViolationsCheck());
    }
}
