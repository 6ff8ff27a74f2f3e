package dev.vantage.check.performance;

import dev.vantage.check.Area;
import dev.vantage.check.Finding;
import dev.vantage.check.PageHeaderCheck;
import dev.vantage.check.Verdict;
import dev.vantage.probe.SiteEvidence;
import dev.vantage.probe.http.Headers;
import dev.vantage.probe.http.HttpResponseEvidence;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static dev.vantage.check.CheckSupport.joined;
import static dev.vantage.check.CheckSupport.quote;

/** Caching headers of the page: present and coherent (informational: it never moves the grade). */
public final class CachingCheck extends PageHeaderCheck {

    public static final String CACHEABLE = "caching-policy-present";
    public static final String NO_STORE = "caching-no-store";
    public static final String MISSING = "caching-headers-missing";
    public static final String INVALID = "caching-header-invalid";
    public static final String PUBLIC_WITH_COOKIES = "caching-public-with-cookies";

    public CachingCheck() {
        super("performance.caching", Area.PERFORMANCE, "Caching headers", CACHEABLE, NO_STORE, MISSING, INVALID,
                PUBLIC_WITH_COOKIES);
    }

    @Override
    protected Finding evaluate(HttpResponseEvidence page, SiteEvidence evidence) {
        Headers h = page.headers();
        List<String> cc = h.values("Cache-Control");
        List<String> directives = new ArrayList<>();
        for (String part : joined(cc).split(",", -1)) {
            if (!part.isBlank()) {
                directives.add(part.trim().toLowerCase(Locale.ROOT));
            }
        }
        String shown = describe(h, cc);
        for (String d : directives) {
            if ((d.startsWith("max-age") || d.startsWith("s-maxage")) && !d.matches("s?-?max-?age\\s*=\\s*\"?\\d+\"?")) {
                return finding(Verdict.WARN, INVALID, shown + ": " + quote(d) + " is not a number of seconds.",
                        "Write Cache-Control max-age as a whole number of seconds, e.g. max-age=300.");
            }
        }
        if (directives.contains("public") && h.contains("Set-Cookie")) {
            return finding(Verdict.WARN, PUBLIC_WITH_COOKIES, shown + " on a response that sets cookies: shared"
                    + " caches may hand one visitor's cookies to another.",
                    "Mark responses that set cookies Cache-Control: private or no-store.");
        }
        if (directives.contains("no-store")) {
            return finding(Verdict.INFO, NO_STORE, shown + ": the page is never cached.", "");
        }
        if (!cc.isEmpty() || h.contains("ETag") || h.contains("Last-Modified") || h.contains("Expires")) {
            return finding(Verdict.PASS, CACHEABLE, shown + ".", "");
        }
        return finding(Verdict.WARN, MISSING, "No Cache-Control, ETag, Last-Modified or Expires header.",
                "Send Cache-Control (e.g. no-cache with an ETag for HTML, long max-age for versioned assets).");
    }

    private static String describe(Headers h, List<String> cc) {
        List<String> parts = new ArrayList<>();
        if (!cc.isEmpty()) {
            parts.add("Cache-Control " + quote(joined(cc)));
        }
        h.first("ETag").ifPresent(v -> parts.add("ETag " + quote(v)));
        h.first("Last-Modified").ifPresent(v -> parts.add("Last-Modified " + quote(v)));
        h.first("Expires").ifPresent(v -> parts.add("Expires " + quote(v)));
        return parts.isEmpty() ? "No caching headers" : String.join(", ", parts);
    }
}
