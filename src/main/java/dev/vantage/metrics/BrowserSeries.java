package dev.vantage.metrics;

import dev.vantage.probe.browser.BrowserEvidence;
import dev.vantage.probe.browser.BrowserEvidence.PageVitals;
import dev.vantage.probe.browser.Viewport;
import io.micrometer.core.instrument.Tags;

import java.util.Map;
import java.util.OptionalDouble;

/**
 * The {@code vantage_browser_*} gauges of a target's last browser audit (docs/metrics.md): the Web Vitals per
 * viewport, and the desktop load's requests, bytes, failed requests and CSP violations. Gauges of the last audit,
 * not histograms: an audit is one measurement made now and then. A failed load exports nothing, so a chart shows a
 * gap rather than a zero that reads as "fast".
 */
final class BrowserSeries {

    /** Every name this class exports; the metrics of a pulse keep the last audit's (see ProbeMetrics). */
    static final String PREFIX = "vantage_browser_";

    private BrowserSeries() {
    }

    static void put(BrowserEvidence b, Tags tags, Map<SeriesSet.Key, Double> v) {
        if (b.failure().isPresent()) {
            return;
        }
        vitals(b.vitals(), tags.and("viewport", Viewport.DESKTOP.label()), v);
        vitals(b.mobile(), tags.and("viewport", Viewport.MOBILE.label()), v);
        v.put(key("vantage_browser_requests", tags), (double) b.resources().size() + 1);
        v.put(key("vantage_browser_transfer_bytes", tags), (double) b.transferBytes());
        v.put(key("vantage_browser_failed_requests", tags), (double) b.failed().size());
        v.put(key("vantage_browser_csp_violations", tags), (double) b.csp().size());
    }

    private static void vitals(PageVitals p, Tags tags, Map<SeriesSet.Key, Double> v) {
        seconds(p.lcpMillis(), "vantage_browser_lcp_seconds", tags, v);
        seconds(p.fcpMillis(), "vantage_browser_fcp_seconds", tags, v);
        seconds(p.ttfbMillis(), "vantage_browser_ttfb_seconds", tags, v);
        p.cls().ifPresent(cls -> v.put(key("vantage_browser_cls", tags), cls));
    }

    private static void seconds(OptionalDouble millis, String name, Tags tags, Map<SeriesSet.Key, Double> v) {
        millis.ifPresent(ms -> v.put(key(name, tags), ms / 1000.0));
    }

    private static SeriesSet.Key key(String name, Tags tags) {
        return new SeriesSet.Key(name, tags);
    }
}
