package dev.vantage.check.browser;

import dev.vantage.check.Area;
import dev.vantage.check.BaseCheck;
import dev.vantage.check.CheckSupport;
import dev.vantage.check.Finding;
import dev.vantage.check.Verdict;
import dev.vantage.probe.ProbeKind;
import dev.vantage.probe.SiteEvidence;
import dev.vantage.probe.browser.BrowserEvidence;
import dev.vantage.probe.browser.BrowserInstall;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Base of the checks that read the browser audit: they need the page and the browser probe, and say "not run"
 * (not applicable, 0) without browser evidence and "failed" (error, 0) when the page load did not complete.
 */
abstract class BrowserCheck extends BaseCheck {

    /** Shared result: no browser evidence (no Chromium installed, or the run did not plan the browser audit). */
    static final String NOT_RUN = "browser-not-run";
    /** Shared result: the browser started but the page load did not complete. */
    static final String FAILED = "browser-audit-failed";

    /** How many items a finding quotes before saying how many more there are. */
    static final int SHOWN = 5;

    BrowserCheck(String id, Area area, String title, String... results) {
        super(id, area, title, with(results));
    }

    private static Set<String> with(String... results) {
        Set<String> all = plus(NOT_RUN, results);
        all.add(FAILED);
        return all;
    }

    @Override
    public final Set<ProbeKind> needs() {
        return Set.of(ProbeKind.PAGE, ProbeKind.BROWSER);
    }

    @Override
    public final Finding evaluate(SiteEvidence evidence) {
        if (evidence.browser().isEmpty()) {
            return finding(Verdict.NOT_APPLICABLE, NOT_RUN, BrowserInstall.MISSING, "");
        }
        BrowserEvidence b = evidence.browser().get();
        if (b.failure().isPresent()) {
            return finding(Verdict.ERROR, FAILED, "the browser audit of " + CheckSupport.quote(b.page().toString())
                    + " did not complete: " + CheckSupport.quote(b.failure().get()), "");
        }
        return evaluate(b);
    }

    abstract Finding evaluate(BrowserEvidence browser);

    /** A URL with its query and fragment masked: they often carry tokens or personal data. */
    static String masked(String url) {
        return CheckSupport.maskedUrl(url);
    }

    /** The first {@value #SHOWN} items quoted, and how many more. */
    static String listed(List<String> items) {
        String shown = items.stream().limit(SHOWN).map(CheckSupport::quote).collect(Collectors.joining(", "));
        return items.size() > SHOWN ? shown + " and " + (items.size() - SHOWN) + " more" : shown;
    }
}
