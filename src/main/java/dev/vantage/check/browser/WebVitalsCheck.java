package dev.vantage.check.browser;

import dev.vantage.check.Area;
import dev.vantage.check.Finding;
import dev.vantage.check.Verdict;
import dev.vantage.probe.browser.BrowserEvidence;
import dev.vantage.probe.browser.BrowserEvidence.PageVitals;
import dev.vantage.probe.browser.Viewport;

import java.util.Locale;
import java.util.OptionalDouble;

/**
 * {@code performance.web-vitals}: Largest Contentful Paint and Cumulative Layout Shift as the browser measured them,
 * rated with the Core Web Vitals thresholds (web.dev/articles/vitals: LCP good at most 2.5 s, poor above 4 s; CLS
 * good at most 0.1, poor above 0.25), on a desktop and a mobile load. The worst rating of the four decides.
 */
public final class WebVitalsCheck extends BrowserCheck {

    public static final String GOOD = "web-vitals-good";
    public static final String NEEDS_IMPROVEMENT = "web-vitals-needs-improvement";
    public static final String POOR = "web-vitals-poor";
    public static final String NOT_MEASURED = "web-vitals-not-measured";

    static final double LCP_GOOD_MS = 2500;
    static final double LCP_POOR_MS = 4000;
    static final double CLS_GOOD = 0.1;
    static final double CLS_POOR = 0.25;

    public WebVitalsCheck() {
        super("performance.web-vitals", Area.PERFORMANCE, "Core Web Vitals (LCP, CLS)", GOOD, NEEDS_IMPROVEMENT,
                POOR, NOT_MEASURED);
    }

    @Override
    Finding evaluate(BrowserEvidence browser) {
        String observed = String.format(Locale.ROOT, "%s; %s; %d requests, %d kB transferred, %d third-party "
                        + "origins (desktop load)", viewport(Viewport.DESKTOP, browser.vitals()),
                viewport(Viewport.MOBILE, browser.mobile()), browser.resources().size() + 1,
                browser.transferBytes() / 1024, browser.thirdPartyOrigins().size());
        if (browser.vitals().lcpMillis().isEmpty() && browser.mobile().lcpMillis().isEmpty()) {
            return finding(Verdict.NOT_APPLICABLE, NOT_MEASURED, observed + ": the browser reported no largest "
                    + "contentful paint (an empty page, or nothing painted)", "");
        }
        // Core Web Vitals are judged per device class; the worse class decides, as a visitor on it sees the page.
        int rating = Math.max(rate(browser.vitals()), rate(browser.mobile()));
        return switch (rating) {
            case 0 -> finding(Verdict.PASS, GOOD, observed, "");
            case 1 -> finding(Verdict.WARN, NEEDS_IMPROVEMENT, observed + " (needs improvement: LCP above 2.5 s or "
                    + "CLS above 0.1)", REMEDIATION);
            default -> finding(Verdict.FAIL, POOR, observed + " (poor: LCP above 4 s or CLS above 0.25)",
                    REMEDIATION);
        };
    }

    private static String viewport(Viewport viewport, PageVitals v) {
        if (v.equals(PageVitals.NONE)) {
            return viewport.label() + " " + viewport.size() + ": not measured";
        }
        return String.format(Locale.ROOT, "%s %s: LCP %s, CLS %s, FCP %s, TTFB %s", viewport.label(), viewport.size(),
                millis(v.lcpMillis()), v.cls().isPresent() ? String.format(Locale.ROOT, "%.3f", v.cls().getAsDouble())
                        : "not reported", millis(v.fcpMillis()), millis(v.ttfbMillis()));
    }

    /** 0 good, 1 needs improvement, 2 poor; 0 for a load that measured no LCP. */
    private static int rate(PageVitals v) {
        if (v.lcpMillis().isEmpty()) {
            return 0;
        }
        return Math.max(rate(v.lcpMillis().getAsDouble(), LCP_GOOD_MS, LCP_POOR_MS),
                v.cls().isPresent() ? rate(v.cls().getAsDouble(), CLS_GOOD, CLS_POOR) : 0);
    }

    private static final String REMEDIATION = "Show the main content sooner (no render-blocking scripts or styles in "
            + "the head, a fast first byte, sized and preloaded hero images) and reserve space for late content so "
            + "the layout does not shift.";

    /** 0 good, 1 needs improvement, 2 poor. */
    private static int rate(double value, double good, double poor) {
        return value <= good ? 0 : value <= poor ? 1 : 2;
    }

    private static String millis(OptionalDouble value) {
        return value.isPresent() ? Math.round(value.getAsDouble()) + " ms" : "not reported";
    }
}
