package dev.vantage.check.exposure;

import dev.vantage.check.Area;
import dev.vantage.check.Finding;
import dev.vantage.check.Verdict;
import dev.vantage.probe.SiteEvidence;
import dev.vantage.probe.exposure.ExposureEvidence;
import dev.vantage.probe.http.HttpExchange;

/** {@code reliability.not-found}: a random path that cannot exist should answer 404 (or 410), not 200 or 5xx. */
public final class NotFoundCheck extends ExposureCheck {

    public static final String OK = "not-found-404";
    public static final String OTHER_4XX = "not-found-other-4xx";
    public static final String REDIRECT = "not-found-redirect";
    public static final String SOFT = "not-found-soft-200";
    public static final String SERVER_ERROR = "not-found-server-error";
    public static final String NO_ANSWER = "not-found-no-answer";
    public static final String NOT_PROBED = "not-found-not-probed";

    public NotFoundCheck() {
        super("reliability.not-found", Area.RELIABILITY, "Unknown paths answer 404",
                NOT_PROBED, OK, OTHER_4XX, REDIRECT, SOFT, SERVER_ERROR, NO_ANSWER);
    }

    @Override
    Finding evaluate(SiteEvidence site, ExposureEvidence exposure) {
        if (exposure.notFound().isEmpty()) {
            return finding(Verdict.NOT_APPLICABLE, NOT_PROBED, "no random path was requested", "");
        }
        HttpExchange e = exposure.notFound().get();
        String observed = "GET " + path(e) + " answered " + statusOf(e);
        int status = status(e);
        if (status == 404 || status == 410) {
            return finding(Verdict.PASS, OK, observed, "");
        }
        if (status >= 500) {
            return finding(Verdict.FAIL, SERVER_ERROR, observed, "Route unknown paths to a 404 handler; a 5xx "
                    + "for a missing page pollutes error rates and alerts and hints at unhandled exceptions.");
        }
        if (status >= 200 && status < 300) {
            return finding(Verdict.WARN, SOFT, observed + " (soft 404)", "Answer 404 for paths the application "
                    + "does not know (SPAs: let the server 404 unknown non-route paths, or render a 404 status).");
        }
        if (status >= 300 && status < 400) {
            return finding(Verdict.INFO, REDIRECT, observed, "Prefer a 404 over redirecting unknown paths.");
        }
        if (status >= 400) {
            return finding(Verdict.PASS, OTHER_4XX, observed, "");
        }
        return finding(Verdict.ERROR, NO_ANSWER, observed, "");
    }
}
