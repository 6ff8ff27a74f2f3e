package dev.vantage.check.exposure;

import dev.vantage.probe.exposure.ExposureEvidence;
import dev.vantage.probe.http.HttpExchange;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Soft-404 detection: a site that answers 2xx for a random path that cannot exist (typically an SPA serving its
 * index everywhere). Its answer is the baseline any "found" path must differ from. Pure.
 */
public final class SoftNotFound {

    /** Token-set similarity above which two bodies are "the same page". */
    static final double SAME_PAGE = 0.9;

    private SoftNotFound() {
    }

    /** The body of the random-path answer when it was a 2xx: the site's catch-all page. */
    public static Optional<String> baseline(ExposureEvidence evidence) {
        return evidence.notFound().flatMap(HttpExchange::response)
                .filter(r -> r.status() >= 200 && r.status() < 300).map(r -> r.body());
    }

    /**
     * True when {@code candidate} answered the catch-all page again (identical or nearly so). Each body is
     * compared without its own request path, so "Cannot GET /x" pages that echo the path still count as the same.
     */
    public static boolean isCatchAll(HttpExchange candidate, ExposureEvidence evidence) {
        Optional<HttpExchange> base = evidence.notFound()
                .filter(e -> e.response().map(r -> r.status() >= 200 && r.status() < 300).orElse(false));
        if (base.isEmpty() || candidate.response().isEmpty()) {
            return false;
        }
        String a = withoutPath(base.get());
        String b = withoutPath(candidate);
        return a.equals(b) || similarity(a, b) >= SAME_PAGE;
    }

    private static String withoutPath(HttpExchange exchange) {
        String body = exchange.response().get().body();
        String raw = exchange.request().url().getRawPath();
        String decoded = exchange.request().url().getPath();
        if (raw != null && raw.length() > 1) {
            body = body.replace(raw, " ");
        }
        if (decoded != null && decoded.length() > 1) {
            body = body.replace(decoded, " ");
        }
        return body;
    }

    /** Jaccard similarity of the word sets of two texts (1 for two empty texts). */
    static double similarity(String a, String b) {
        Set<String> x = tokens(a);
        Set<String> y = tokens(b);
        if (x.isEmpty() && y.isEmpty()) {
            return 1;
        }
        Set<String> union = new HashSet<>(x);
        union.addAll(y);
        x.retainAll(y);
        return (double) x.size() / union.size();
    }

    private static Set<String> tokens(String s) {
        return new HashSet<>(Arrays.asList(s.split("\\W+"))).stream().filter(t -> !t.isEmpty())
                .collect(java.util.stream.Collectors.toCollection(HashSet::new));
    }
}
