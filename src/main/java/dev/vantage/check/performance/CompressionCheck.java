package dev.vantage.check.performance;

import dev.vantage.check.Area;
import dev.vantage.check.Finding;
import dev.vantage.check.PageHeaderCheck;
import dev.vantage.check.Verdict;
import dev.vantage.probe.SiteEvidence;
import dev.vantage.probe.http.HttpResponseEvidence;

import java.util.Locale;

import static dev.vantage.check.CheckSupport.quote;

/** Whether a text-like page body is compressed on the wire (informational: it never moves the grade). */
public final class CompressionCheck extends PageHeaderCheck {

    public static final String COMPRESSED = "compression-used";
    public static final String MISSING = "compression-missing";
    public static final String NOT_NEEDED = "compression-not-needed";

    /** Below this a compressed body saves less than the TCP/TLS framing costs. */
    static final long MIN_BYTES = 1024;

    public CompressionCheck() {
        super("performance.compression", Area.PERFORMANCE, "Compression", COMPRESSED, MISSING, NOT_NEEDED);
    }

    @Override
    protected Finding evaluate(HttpResponseEvidence page, SiteEvidence evidence) {
        String encoding = page.headers().values("Content-Encoding").stream().map(v -> v.trim().toLowerCase(Locale.ROOT))
                .filter(v -> !v.isEmpty() && !v.equals("identity")).findFirst().orElse("");
        String type = page.headers().first("Content-Type").orElse("");
        if (!encoding.isEmpty()) {
            return finding(Verdict.PASS, COMPRESSED, "Content-Encoding " + quote(encoding) + " for "
                    + quote(type) + ".", "");
        }
        if (!textLike(type)) {
            return finding(Verdict.INFO, NOT_NEEDED, "Content-Type " + quote(type)
                    + " is not a text format that compresses well.", "");
        }
        if (page.bodyBytes() <= MIN_BYTES) {
            return finding(Verdict.INFO, NOT_NEEDED, "The " + quote(type) + " body is only " + page.bodyBytes()
                    + " bytes.", "");
        }
        return finding(Verdict.WARN, MISSING, "A " + page.bodyBytes() + (page.bodyTruncated() ? "+" : "")
                + "-byte " + quote(type) + " body is sent without Content-Encoding.",
                "Enable gzip or Brotli compression for text responses on the server or CDN.");
    }

    static boolean textLike(String contentType) {
        String t = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return t.startsWith("text/") || t.endsWith("+json") || t.endsWith("+xml") || t.equals("application/json")
                || t.equals("application/javascript") || t.equals("application/xml") || t.equals("image/svg+xml")
                || t.equals("application/wasm") || t.equals("application/manifest+json");
    }
}
