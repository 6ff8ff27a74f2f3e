package dev.vantage.check.browser;

import dev.vantage.check.Area;
import dev.vantage.check.Finding;
import dev.vantage.check.Verdict;
import dev.vantage.probe.browser.BrowserEvidence;
import dev.vantage.probe.browser.BrowserEvidence.PageVitals;

import java.util.Locale;
import java.util.OptionalDouble;

/**
 * {@code performance.web-vitals}: Largest Contentful Paint and Cumulative Layout Shift as the browser measured them,
 * rated with the Core Web Vitals thresholds (web.dev/articles/vitals: LCP good at most 2.5 s, poor above 4 s; CLS
 * good at most 0.1, poor above 0.25). The worse of the two ratings decides.
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
        PageVitals v = browser.vitals();
        String observed = String.format(Locale.ROOT, "LCP %s, CLS %s, FCP %s, TTFB %s; %d requests, %d kB "
                        + "transferred, %d third-party origins (desktop viewport)", millis(v.lcpMillis()),
                v.cls().isPresent() ? String.format(Locale.ROOT, "%.3f", v.cls().getAsDouble()) : "not reported",
                millis(v.fcpMillis()), millis(v.ttfbMillis()), browser.resources().size() + 1,
                browser.transferBytes() / 1024, browser.thirdPartyOrigins().size());
        if (v.lcpMillis().isEmpty()) {
            return finding(Verdict.NOT_APPLICABLE, NOT_MEASURED, observed + ": the browser reported no largest "
                    + "contentful paint (an empty page, or nothing painted)", "");
        }
        int rating = Math.max(rate(v.lcpMillis().getAsDouble(), LCP_GOOD_MS, LCP_POOR_MS),
                v.cls().isPresent() ? rate(v.cls().getAsDouble(), CLS_GOOD, CLS_POOR) : 0);
        return switch (rating) {
            case 0 -> finding(Verdict.PASS, GOOD, observed, "");
            case 1 -> finding(Verdict.WARN, NEEDS_IMPROVEMENT, observed + " (needs improvement: LCP above 2.5 s or "
                    + "CLS above 0.1)", REMEDIATION);
            default -> finding(Verdict.FAIL, POOR, observed + " (poor: LCP above 4 s or CLS above 0.25)",
                    REMEDIATION);
        };
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
