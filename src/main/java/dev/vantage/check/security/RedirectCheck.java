package dev.vantage.check.security;

import dev.vantage.check.Area;
import dev.vantage.check.BaseCheck;
import dev.vantage.check.Finding;
import dev.vantage.check.Verdict;
import dev.vantage.probe.ProbeKind;
import dev.vantage.probe.SiteEvidence;
import dev.vantage.probe.http.HttpExchange;
import dev.vantage.probe.http.RedirectChain;

import java.net.URI;
import java.util.List;

import static dev.vantage.check.CheckSupport.certificateProblem;
import static dev.vantage.check.CheckSupport.host;
import static dev.vantage.check.CheckSupport.quote;
import static dev.vantage.check.CheckSupport.trustedHttps;

/** HTTP to HTTPS redirection, graded like MDN HTTP Observatory's "redirection" test from {@code http://host/}. */
public final class RedirectCheck extends BaseCheck {

    @Override
    public java.util.Set<ProbeKind> needs() {
        return java.util.Set.of(ProbeKind.PAGE, ProbeKind.HTTP_UPGRADE);
    }

    public static final String TO_HTTPS = "redirection-to-https";
    public static final String TO_HTTPS_TEMPORARY = "redirection-to-https-temporary";
    public static final String NO_HTTP = "redirection-not-needed-no-http";
    public static final String OFF_HOST = "redirection-off-host-from-http";
    public static final String NOT_HTTPS_FIRST = "redirection-not-to-https-on-initial-redirection";
    public static final String NOT_TO_HTTPS = "redirection-not-to-https";
    public static final String DOWNGRADE = "redirection-downgrade";
    public static final String MISSING = "redirection-missing";
    public static final String INVALID_CERT = "redirection-invalid-cert";
    public static final String LOOP = "redirection-loop";
    public static final String TOO_MANY = "redirection-too-many-hops";
    public static final String BAD_LOCATION = "redirection-bad-location";
    public static final String HOP_FAILED = "redirection-hop-failed";
    public static final String NOT_PROBED = "redirection-not-probed";

    private static final String FIX = "Answer http:// with a 301 or 308 to the same URL on https:// of the same host,"
            + " and only then redirect elsewhere.";

    public RedirectCheck() {
        super("security.redirect", Area.SECURITY, "HTTP to HTTPS redirection",
                TO_HTTPS, TO_HTTPS_TEMPORARY, NO_HTTP, OFF_HOST, NOT_HTTPS_FIRST, NOT_TO_HTTPS, DOWNGRADE, MISSING,
                INVALID_CERT, LOOP, TOO_MANY, BAD_LOCATION, HOP_FAILED, NOT_PROBED);
    }

    @Override
    public Finding evaluate(SiteEvidence evidence) {
        return evidence.plainHttpChain().map(c -> evaluate(c, evidence))
                .orElseGet(() -> finding(Verdict.NOT_APPLICABLE, NOT_PROBED,
                        "The plain http:// address of the site was not probed.", ""));
    }

    private Finding evaluate(RedirectChain chain, SiteEvidence evidence) {
        HttpExchange first = chain.first();
        String path = describe(chain);
        if (!first.answered()) {
            String why = first.failure().map(f -> f.describe()).orElse("no response");
            return finding(Verdict.PASS, NO_HTTP, "Nothing answers on http: " + quote(why) + ".", "");
        }
        if (chain.redirects() == 0) {
            return switch (chain.outcome()) {
                case BAD_LOCATION -> finding(Verdict.FAIL, BAD_LOCATION, "The http:// answer "
                        + status(first) + " redirects to an unusable Location " + location(first) + ".", FIX);
                default -> finding(Verdict.FAIL, MISSING, "http:// answers " + status(first)
                        + " without redirecting to https.", FIX);
            };
        }
        switch (chain.outcome()) {
            case LOOP:
                return finding(Verdict.FAIL, LOOP, "The redirects loop: " + path + ".", FIX);
            case TOO_MANY_HOPS:
                return finding(Verdict.FAIL, TOO_MANY, "Too many redirects (" + chain.redirects() + "): " + path
                        + ".", "Redirect http:// to its https:// URL in one hop.");
            case BAD_LOCATION:
                return finding(Verdict.FAIL, BAD_LOCATION, "A redirect has an unusable Location "
                        + location(chain.last()) + ": " + path + ".", FIX);
            default:
                break;
        }
        HttpExchange last = chain.last();
        for (HttpExchange hop : chain.hops()) {
            if (hop.isHttps() && (hop.answered() || hop.tls().isPresent())
                    && !trustedHttps(hop, evidence.startedAt())) {
                return finding(Verdict.FAIL, INVALID_CERT, "The redirect reaches "
                        + quote(hop.request().url().toString()) + " whose certificate is not valid ("
                        + quote(certificateProblem(hop, evidence.startedAt())) + ").",
                        "Install a certificate from a trusted CA that covers the host and is within its validity.");
            }
        }
        if (!last.answered()) {
            String why = last.failure().map(f -> f.describe()).orElse("no response");
            boolean tls = last.failure().map(f -> f.kind() == dev.vantage.probe.FailureKind.TLS_HANDSHAKE)
                    .orElse(false);
            return finding(Verdict.FAIL, tls ? INVALID_CERT : HOP_FAILED, "Following " + path + " failed at "
                    + quote(last.request().url().toString()) + ": " + quote(why) + ".",
                    tls ? "Fix the TLS set-up of the redirect target so a browser can complete the handshake."
                            : "Make every URL of the redirect chain answer.");
        }
        if (!last.isHttps()) {
            return finding(Verdict.FAIL, NOT_TO_HTTPS, "The redirects end on plain http: " + path + ".", FIX);
        }
        List<HttpExchange> hops = chain.hops();
        for (int i = 1; i < hops.size(); i++) {
            if (hops.get(i - 1).isHttps() && !hops.get(i).isHttps()) {
                return finding(Verdict.FAIL, DOWNGRADE, "A redirect goes from https back to http: " + path + ".",
                        "Never redirect from https:// to http://; keep every hop on https.");
            }
        }
        URI firstTarget = hops.get(1).request().url();
        if (!"https".equalsIgnoreCase(firstTarget.getScheme())) {
            return finding(Verdict.FAIL, NOT_HTTPS_FIRST, "The first redirect goes to another http URL: "
                    + path + ".", FIX);
        }
        if (!host(firstTarget).equals(host(first.request().url()))) {
            return finding(Verdict.WARN, OFF_HOST, "The first redirect leaves the host, so the browser never"
                    + " sees this host's HSTS: " + path + ".", FIX);
        }
        int code = first.response().orElseThrow().status();
        if (code != 301 && code != 308) {
            return finding(Verdict.WARN, TO_HTTPS_TEMPORARY, "http:// redirects to https on the same host with a"
                    + " temporary " + code + ": " + path + ".",
                    "Use a permanent 301 or 308 redirect so browsers and caches remember the https URL.");
        }
        return finding(Verdict.PASS, TO_HTTPS, "http:// redirects to https on the same host: " + path + ".", "");
    }

    private static String status(HttpExchange exchange) {
        return exchange.response().map(r -> String.valueOf(r.status())).orElse("nothing");
    }

    private static String location(HttpExchange exchange) {
        return quote(exchange.response().flatMap(r -> r.headers().first("Location")).orElse(""));
    }

    /** {@code http://a/ -301-> https://a/ -200}, cut after a few hops. */
    static String describe(RedirectChain chain) {
        StringBuilder out = new StringBuilder();
        List<HttpExchange> hops = chain.hops();
        for (int i = 0; i < hops.size(); i++) {
            if (i >= 6 && i < hops.size() - 1) {
                out.append(" … ");
                i = hops.size() - 1;
            }
            HttpExchange hop = hops.get(i);
            out.append(quote(hop.request().url().toString())).append(' ');
            out.append(hop.response().map(r -> String.valueOf(r.status()))
                    .orElse(hop.failure().map(f -> f.kind().name().toLowerCase(java.util.Locale.ROOT)).orElse("?")));
            if (i < hops.size() - 1) {
                out.append(" -> ");
            }
        }
        return out.toString();
    }
}
