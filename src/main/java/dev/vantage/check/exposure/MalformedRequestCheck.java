package dev.vantage.check.exposure;

import dev.vantage.check.Area;
import dev.vantage.check.Finding;
import dev.vantage.check.Verdict;
import dev.vantage.probe.SiteEvidence;
import dev.vantage.probe.exposure.ExposureEvidence;
import dev.vantage.probe.exposure.RawExchange;
import dev.vantage.probe.http.HttpExchange;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code reliability.malformed-request}: a request line with invalid percent-encoding and a request with one
 * oversized header should be rejected with a 4xx (or the connection closed), never crash into a 5xx.
 */
public final class MalformedRequestCheck extends ExposureCheck {

    public static final String REJECTED = "malformed-request-rejected";
    public static final String ACCEPTED = "malformed-request-accepted";
    public static final String SERVER_ERROR = "malformed-request-server-error";
    public static final String UNTESTED = "malformed-request-untested";
    public static final String NOT_PROBED = "malformed-request-not-probed";

    /** How one malformed request was treated. */
    private enum Outcome { REJECTED, ACCEPTED, SERVER_ERROR, UNKNOWN }

    public MalformedRequestCheck() {
        super("reliability.malformed-request", Area.RELIABILITY, "Malformed requests rejected with 4xx",
                NOT_PROBED, REJECTED, ACCEPTED, SERVER_ERROR, UNTESTED);
    }

    @Override
    Finding evaluate(SiteEvidence site, ExposureEvidence exposure) {
        List<String> seen = new ArrayList<>();
        List<Outcome> outcomes = new ArrayList<>();
        exposure.badEncoding().ifPresent(raw -> {
            outcomes.add(outcome(raw));
            seen.add("bad percent-encoding (" + raw.requestLine() + ") answered " + describe(raw));
        });
        exposure.oversized().ifPresent(e -> {
            outcomes.add(outcome(e));
            seen.add("a " + (headerBytes(e) / 1024) + " KiB header answered " + statusOf(e));
        });
        String observed = String.join("; ", seen);
        if (outcomes.contains(Outcome.SERVER_ERROR)) {
            return finding(Verdict.FAIL, SERVER_ERROR, observed, "Validate request syntax before it reaches "
                    + "application code: malformed input must produce a 400/414/431, not an exception.");
        }
        if (outcomes.contains(Outcome.ACCEPTED)) {
            return finding(Verdict.WARN, ACCEPTED, observed, "Reject malformed requests with 400 (invalid "
                    + "percent-encoding) and 431 (oversized headers) at the edge.");
        }
        if (outcomes.isEmpty() || outcomes.contains(Outcome.UNKNOWN)) {
            return finding(Verdict.ERROR, UNTESTED, observed.isEmpty() ? "no malformed request was sent" : observed,
                    "");
        }
        return finding(Verdict.PASS, REJECTED, observed, "");
    }

    private static Outcome outcome(RawExchange raw) {
        if (raw.closedWithoutAnswer()) {
            return Outcome.REJECTED;
        }
        return raw.response().map(r -> byStatus(r.status())).orElse(Outcome.UNKNOWN);
    }

    private static Outcome outcome(HttpExchange e) {
        if (e.response().isEmpty()) {
            boolean closed = e.failure().map(f -> f.kind() == dev.vantage.probe.FailureKind.RESET).orElse(false);
            return closed ? Outcome.REJECTED : Outcome.UNKNOWN;
        }
        return byStatus(e.response().get().status());
    }

    private static Outcome byStatus(int status) {
        if (status >= 500) {
            return Outcome.SERVER_ERROR;
        }
        return status >= 400 ? Outcome.REJECTED : Outcome.ACCEPTED;
    }

    private static String describe(RawExchange raw) {
        return raw.response().map(r -> r.status() + (r.reason().isEmpty() ? "" : " " + r.reason()))
                .orElseGet(() -> raw.failure().map(f -> f.describe()).orElse("no answer"));
    }

    private static int headerBytes(HttpExchange e) {
        return e.request().headers().first(ExposureEvidence.OVERSIZED_HEADER).map(String::length).orElse(0);
    }
}
