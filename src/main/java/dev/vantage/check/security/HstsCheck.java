package dev.vantage.check.security;

import dev.vantage.check.Area;
import dev.vantage.check.BaseCheck;
import dev.vantage.check.Finding;
import dev.vantage.check.Verdict;
import dev.vantage.probe.SiteEvidence;
import dev.vantage.probe.http.HttpExchange;
import dev.vantage.probe.http.HttpResponseEvidence;

import java.util.List;
import java.util.Optional;

import static dev.vantage.check.CheckSupport.PAGE_NOT_ANSWERED;
import static dev.vantage.check.CheckSupport.certificateProblem;
import static dev.vantage.check.CheckSupport.notAnswered;
import static dev.vantage.check.CheckSupport.quote;
import static dev.vantage.check.CheckSupport.trustedHttps;

/** Strict-Transport-Security on the final page, counted only when it was served over valid HTTPS. */
public final class HstsCheck extends BaseCheck {

    public static final String PRELOAD_READY = "hsts-preloaded";
    public static final String AT_LEAST_SIX_MONTHS = "hsts-implemented-max-age-at-least-six-months";
    public static final String LESS_THAN_SIX_MONTHS = "hsts-implemented-max-age-less-than-six-months";
    public static final String NOT_IMPLEMENTED = "hsts-not-implemented";
    public static final String INVALID = "hsts-header-invalid";
    public static final String NO_HTTPS = "hsts-not-implemented-no-https";
    public static final String INVALID_CERT = "hsts-invalid-cert";

    /** 180 days, the threshold MDN's code applies (its prose says 15768000). */
    static final long SIX_MONTHS = 15_552_000L;
    /** What hstspreload.org requires for submission. */
    static final long ONE_YEAR = 31_536_000L;

    public HstsCheck() {
        super("security.hsts", Area.SECURITY, "Strict-Transport-Security",
                PRELOAD_READY, AT_LEAST_SIX_MONTHS, LESS_THAN_SIX_MONTHS, NOT_IMPLEMENTED, INVALID, NO_HTTPS,
                INVALID_CERT, PAGE_NOT_ANSWERED);
    }

    @Override
    public Finding evaluate(SiteEvidence evidence) {
        HttpExchange last = evidence.finalPage();
        if (!last.isHttps()) {
            return finding(Verdict.FAIL, NO_HTTPS, "The page " + quote(last.request().url().toString())
                    + " is served over plain http, where HSTS cannot be set.", "Serve the site over https.");
        }
        Optional<HttpResponseEvidence> page = last.response();
        if (page.isEmpty()) {
            return notAnswered(this, evidence);
        }
        if (!trustedHttps(last, evidence.startedAt())) {
            return finding(Verdict.FAIL, INVALID_CERT, "HSTS cannot take effect: the certificate is not valid ("
                    + quote(certificateProblem(last, evidence.startedAt())) + ").",
                    "Install a certificate from a trusted CA that covers the host and is within its validity.");
        }
        List<String> values = page.get().headers().values("Strict-Transport-Security");
        if (values.isEmpty()) {
            return finding(Verdict.FAIL, NOT_IMPLEMENTED, "No Strict-Transport-Security header.",
                    "Send Strict-Transport-Security: max-age=31536000; includeSubDomains on every https response.");
        }
        // RFC 6797 8.1: a browser processes only the first header field; later ones are noted, not used.
        String value = values.get(0);
        String extra = values.size() > 1 ? " (" + values.size() + " header fields; browsers use only the first)" : "";
        String[] problem = new String[1];
        Optional<HstsPolicy> parsed = HstsPolicy.parse(value, problem);
        if (parsed.isEmpty()) {
            return finding(Verdict.FAIL, INVALID, "Strict-Transport-Security " + quote(value) + " is invalid: "
                    + problem[0] + extra + ".", "Send Strict-Transport-Security: max-age=31536000; includeSubDomains.");
        }
        HstsPolicy p = parsed.get();
        String seen = "Strict-Transport-Security " + quote(value) + extra;
        if (p.maxAge() < SIX_MONTHS) {
            return finding(Verdict.WARN, LESS_THAN_SIX_MONTHS, seen + ": max-age " + p.maxAge()
                    + "s is under six months (" + SIX_MONTHS + "s).", "Raise max-age to at least 31536000 (one year).");
        }
        if (p.preload() && p.includeSubDomains() && p.maxAge() >= ONE_YEAR) {
            return finding(Verdict.PASS, PRELOAD_READY, seen + ": meets the preload list's requirements"
                    + " (preload, includeSubDomains, max-age >= 1 year).", "");
        }
        return finding(Verdict.PASS, AT_LEAST_SIX_MONTHS, seen + (p.includeSubDomains() ? "" : "; no includeSubDomains")
                + (p.preload() ? "" : "; no preload") + ".", "");
    }
}
