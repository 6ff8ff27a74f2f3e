package dev.vantage.check.reliability;

import dev.vantage.check.Area;
import dev.vantage.check.BaseCheck;
import dev.vantage.check.Finding;
import dev.vantage.check.Verdict;
import dev.vantage.probe.SiteEvidence;
import dev.vantage.probe.http.HttpExchange;
import dev.vantage.probe.http.HttpResponseEvidence;
import dev.vantage.probe.http.RedirectChain;

import java.net.URI;

import static dev.vantage.check.CheckSupport.quote;

/** Whether the target page, after its redirects, answers with a success status. */
public final class PageStatusCheck extends BaseCheck {

    public static final String OK = "page-status-ok";
    public static final String CLIENT_ERROR = "page-status-client-error";
    public static final String SERVER_ERROR = "page-status-server-error";
    public static final String UNEXPECTED = "page-status-unexpected";
    public static final String LOOP = "page-redirect-loop";
    public static final String TOO_MANY = "page-too-many-redirects";
    public static final String BAD_LOCATION = "page-redirect-bad-location";
    public static final String UNREACHABLE = "page-unreachable";

    public PageStatusCheck() {
        super("reliability.page-status", Area.RELIABILITY, "Page status",
                OK, CLIENT_ERROR, SERVER_ERROR, UNEXPECTED, LOOP, TOO_MANY, BAD_LOCATION, UNREACHABLE);
    }

    @Override
    public Finding evaluate(SiteEvidence evidence) {
        RedirectChain chain = evidence.page();
        HttpExchange last = chain.last();
        String url = quote(last.request().url().toString());
        switch (chain.outcome()) {
            case LOOP:
                // The loop closes on the URL the last hop points to, not on the last hop itself.
                String back = quote(chain.next().map(URI::toString).orElse(last.request().url().toString()));
                return finding(Verdict.FAIL, LOOP, "The page redirects in a loop: " + url + " redirects back to "
                        + back + " after " + chain.redirects() + " redirect(s).",
                        "Fix the redirect rules so the page ends on a 200.");
            case TOO_MANY_HOPS:
                return finding(Verdict.FAIL, TOO_MANY, "The page was still redirecting after " + chain.redirects()
                        + " redirects, at " + url + ".", "Redirect to the final URL in one hop.");
            case BAD_LOCATION:
                return finding(Verdict.FAIL, BAD_LOCATION, url + " redirects to an unusable Location "
                        + quote(last.response().flatMap(r -> r.headers().first("Location")).orElse("")) + ".",
                        "Send an absolute, well-formed URL in the Location header.");
            default:
                break;
        }
        if (last.response().isEmpty()) {
            String why = last.failure().map(f -> f.describe()).orElse("no response");
            return finding(Verdict.FAIL, UNREACHABLE, url + " did not answer: " + quote(why) + ".",
                    "Make sure the server is up and reachable from the internet on this address and port.");
        }
        HttpResponseEvidence r = last.response().get();
        String status = url + " answered " + r.status() + " " + quote(r.reason())
                + (chain.redirects() > 0 ? " after " + chain.redirects() + " redirect(s)" : "")
                + last.failure().map(f -> ", then " + quote(f.describe())).orElse("") + ".";
        if (r.status() >= 200 && r.status() < 300) {
            return finding(Verdict.PASS, OK, status, "");
        }
        if (r.status() >= 500 && r.status() < 600) {
            return finding(Verdict.FAIL, SERVER_ERROR, status, "Fix the server error: the page must answer 2xx.");
        }
        if (r.status() >= 400 && r.status() < 500) {
            return finding(Verdict.FAIL, CLIENT_ERROR, status,
                    "Point the check at a page that exists and is public, or fix the route.");
        }
        return finding(Verdict.FAIL, UNEXPECTED, status, "Make the page answer 200 (a 3xx must carry a Location).");
    }
}
