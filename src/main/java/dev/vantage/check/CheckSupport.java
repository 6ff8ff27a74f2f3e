package dev.vantage.check;

import dev.vantage.probe.SiteEvidence;
import dev.vantage.probe.http.HttpExchange;
import dev.vantage.probe.http.HttpResponseEvidence;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Helpers every check shares: the graded page, safe quoting of hostile header values, the shared results. */
public final class CheckSupport {

    /** Shared result of header checks when the final page exchange got no response at all. */
    public static final String PAGE_NOT_ANSWERED = "page-not-answered";

    /** Longest piece of evidence quoted in a finding; a hostile server can send megabytes of header. */
    static final int MAX_QUOTE = 200;

    private CheckSupport() {
    }

    /** The response of the final page, when one arrived. */
    public static Optional<HttpResponseEvidence> page(SiteEvidence evidence) {
        return evidence.finalPage().response();
    }

    /** The finding a header check returns when the page did not answer: nothing to grade. */
    public static Finding notAnswered(Check check, SiteEvidence evidence) {
        HttpExchange last = evidence.finalPage();
        String why = last.failure().map(f -> f.describe()).orElse("no response");
        return check.finding(Verdict.NOT_APPLICABLE, PAGE_NOT_ANSWERED,
                "The page " + quote(String.valueOf(last.request().url())) + " did not answer (" + quote(why)
                        + "), so its headers could not be graded.", "");
    }

    /**
     * Quotes untrusted text for a report: control characters escaped, cut to {@value #MAX_QUOTE} characters with
     * the original length said, so a garbage header cannot flood or corrupt a report.
     */
    public static String quote(String text) {
        if (text == null) {
            return "\"\"";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_QUOTE) + 16);
        int limit = Math.min(text.length(), MAX_QUOTE);
        for (int i = 0; i < limit; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (text.length() > MAX_QUOTE) {
            out.append("…(").append(text.length()).append(" chars)");
        }
        return "\"" + out + "\"";
    }

    /** The values of a header joined as a browser would see the field: {@code a, b}. */
    public static String joined(List<String> values) {
        return String.join(", ", values);
    }

    /** Lower-cased, trimmed. */
    public static String norm(String value) {
        return value.trim().toLowerCase(Locale.ROOT);
    }

    /** The host of a URL, lower case, or empty when it has none. */
    public static String host(URI url) {
        return url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
    }

    /**
     * True when the exchange went over https with a certificate the trust check accepted and whose leaf is valid
     * at {@code now} (the run's start): an expired leaf never counts as trusted, whatever the prober concluded.
     */
    public static boolean trustedHttps(HttpExchange exchange, Instant now) {
        return exchange.isHttps() && exchange.tls().map(t -> t.trust().trusted()
                && t.leaf().map(l -> !now.isAfter(l.notAfter()) && !now.isBefore(l.notBefore())).orElse(true))
                .orElse(false);
    }

    /** Why the certificate of an https exchange is not acceptable at {@code now}. */
    public static String certificateProblem(HttpExchange exchange, Instant now) {
        Optional<String> dated = exchange.tls().flatMap(t -> t.leaf()).flatMap(l -> now.isAfter(l.notAfter())
                ? Optional.of("certificate expired at " + l.notAfter())
                : now.isBefore(l.notBefore()) ? Optional.of("certificate not valid before " + l.notBefore())
                : Optional.empty());
        return exchange.tls().flatMap(t -> t.trust().problem()).or(() -> dated)
                .or(() -> exchange.failure().map(f -> f.describe()))
                .orElse("the TLS handshake did not complete");
    }

    /** A URL with its query and fragment masked: they often carry tokens or personal data. */
    public static String maskedUrl(String url) {
        int cut = url.length();
        for (char c : new char[] {'?', '#'}) {
            int at = url.indexOf(c);
            cut = at >= 0 ? Math.min(cut, at) : cut;
        }
        return cut == url.length() ? url : url.substring(0, cut) + (url.charAt(cut) == '?' ? "?…" : "#…");
    }
}
