package dev.vantage.check.browser;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The known analytics and tag products and the URL signatures that name them (docs/checks.md,
 * {@code launch.analytics}). Hosts match on label boundaries: {@code google-analytics.com} matches
 * {@code www.google-analytics.com} but not {@code google-analytics.com.evil.example} nor
 * {@code notgoogle-analytics.com}. Pure.
 */
final class AnalyticsProducts {

    /**
     * One signature: a host suffix (empty: any host, for self-hosted products) and a path that must start with
     * {@code pathPrefix} or, when {@code fileName} is set, end with that file name.
     */
    record Signature(String product, String host, String pathPrefix, String fileName) {

        boolean matches(String urlHost, String path) {
            boolean hostOk = host.isEmpty() || urlHost.equals(host) || urlHost.endsWith("." + host);
            boolean pathOk = path.startsWith(pathPrefix)
                    && (fileName.isEmpty() || path.equals("/" + fileName) || path.endsWith("/" + fileName));
            return hostOk && pathOk;
        }
    }

    /** More specific signatures first: the Google tag and Tag Manager share a host and differ by path. */
    static final List<Signature> SIGNATURES = List.of(
            onPath("Google tag (gtag.js)", "googletagmanager.com", "/gtag/js"),
            onPath("Google Tag Manager", "googletagmanager.com", "/gtm.js"),
            onHost("Google Tag Manager", "googletagmanager.com"),
            onHost("Google Analytics", "google-analytics.com"),
            onHost("Google Analytics", "analytics.google.com"),
            onHost("Plausible", "plausible.io"),
            onHost("Matomo", "matomo.cloud"),
            file("Matomo", "matomo.js"),
            file("Matomo", "piwik.js"),
            onHost("Fathom", "usefathom.com"),
            onHost("Segment", "segment.com"),
            onHost("Segment", "segment.io"),
            onHost("Mixpanel", "mixpanel.com"),
            onHost("Mixpanel", "mxpnl.com"),
            onHost("Amplitude", "amplitude.com"),
            onHost("Heap", "heapanalytics.com"),
            onHost("Hotjar", "hotjar.com"),
            onHost("Hotjar", "hotjar.io"),
            onHost("Microsoft Clarity", "clarity.ms"),
            onHost("Cloudflare Web Analytics", "cloudflareinsights.com"),
            onHost("Umami", "umami.is"),
            onHost("PostHog", "posthog.com"),
            onHost("Adobe Analytics", "omtrdc.net"),
            onHost("Adobe Analytics", "2o7.net"),
            onHost("Adobe Experience Platform Tags", "adobedtm.com"),
            onHost("Simple Analytics", "simpleanalyticscdn.com"),
            onHost("Yandex Metrica", "mc.yandex.ru"));

    private AnalyticsProducts() {
    }

    /** The product {@code url} belongs to, or empty for an unknown URL or one that does not parse. */
    static Optional<String> product(String url) {
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (uri.getHost() == null) {
            return Optional.empty();
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        // "www.google-analytics.com." is the same host written fully qualified
        host = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().toLowerCase(Locale.ROOT);
        for (Signature s : SIGNATURES) {
            if (s.matches(host, path)) {
                return Optional.of(s.product());
            }
        }
        return Optional.empty();
    }

    private static Signature onHost(String product, String host) {
        return new Signature(product, host, "", "");
    }

    private static Signature onPath(String product, String host, String pathPrefix) {
        return new Signature(product, host, pathPrefix, "");
    }

    private static Signature file(String product, String fileName) {
        return new Signature(product, "", "", fileName);
    }
}
