package dev.vantage.probe.browser;

import java.util.Map;

/**
 * The two screens a page is measured on. Core Web Vitals are judged per device class, and phones load the same page
 * slower (a smaller viewport changes which element is largest, a mobile user agent may get another page), so the
 * audit loads the page once as each. Mobile is a mid-range Android phone as Chrome's DevTools emulate it.
 */
public enum Viewport {
    DESKTOP(1350, 940, 1.0, false, ""),
    MOBILE(412, 915, 2.625, true, "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/124.0.0.0 Mobile Safari/537.36");

    private final int width;
    private final int height;
    private final double pixelRatio;
    private final boolean mobile;
    private final String userAgent;

    Viewport(int width, int height, double pixelRatio, boolean mobile, String userAgent) {
        this.width = width;
        this.height = height;
        this.pixelRatio = pixelRatio;
        this.mobile = mobile;
        this.userAgent = userAgent;
    }

    /** The label value of {@code vantage_browser_*} gauges and the word reports use. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** {@code 412x915 @2.625}, for reports. */
    public String size() {
        return width + "x" + height + (pixelRatio == 1.0 ? "" : " @" + pixelRatio);
    }

    /** Chromium's {@code --window-size} value. */
    String windowSize() {
        return width + "," + height;
    }

    /** Parameters of the DevTools command {@code Emulation.setDeviceMetricsOverride}. */
    Map<String, Object> deviceMetrics() {
        return Map.of("width", width, "height", height, "deviceScaleFactor", pixelRatio, "mobile", mobile);
    }

    /** The user agent a phone sends; empty for desktop (Chromium's own). */
    String userAgent() {
        return userAgent;
    }
}
