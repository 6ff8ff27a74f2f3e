package dev.vantage.check.exposure;

import dev.vantage.probe.exposure.ExposureEvidence;
import dev.vantage.probe.exposure.ScanLimit;
import dev.vantage.probe.http.HttpExchange;

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

    /**
     * Jaccard similarity of the word sets of two texts (1 for two empty texts), over their first
     * {@link ScanLimit#MAX_CHARS} characters.
     */
    static double similarity(CharSequence a, CharSequence b) {
        Set<String> x = tokens(ScanLimit.head(a));
        Set<String> y = tokens(ScanLimit.head(b));
        if (x.isEmpty() && y.isEmpty()) {
            return 1;
        }
        Set<String> union = new HashSet<>(x);
        union.addAll(y);
        x.retainAll(y);
        return (double) x.size() / union.size();
    }

    /** The words ({@code [A-Za-z0-9_]+} runs, as regex {@code \w}) of a text, in one pass. */
    static Set<String> tokens(CharSequence s) {
        Set<String> words = new HashSet<>();
        int start = -1;
        for (int i = 0; i <= s.length(); i++) {
            boolean word = i < s.length() && isWord(s.charAt(i));
            if (word && start < 0) {
                start = i;
            } else if (!word && start >= 0) {
                words.add(s.subSequence(start, i).toString());
                start = -1;
            }
        }
        return words;
    }

    private static boolean isWord(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
    }
}
