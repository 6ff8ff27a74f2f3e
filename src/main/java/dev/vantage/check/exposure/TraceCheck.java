package dev.vantage.check.exposure;

import dev.vantage.check.Area;
import dev.vantage.check.Finding;
import dev.vantage.check.Verdict;
import dev.vantage.probe.SiteEvidence;
import dev.vantage.probe.exposure.ExposureEvidence;
import dev.vantage.probe.http.HttpExchange;

/**
 * {@code reliability.trace}: TRACE must not echo the request (cross-site tracing exposes headers such as cookies
 * and proxy-added credentials). The probe sends a random marker header; an echo is a 2xx whose body holds it.
 */
public final class TraceCheck extends ExposureCheck {

    public static final String DISABLED = "trace-disabled";
    public static final String ECHOES = "trace-echoes";
    public static final String ANSWERED = "trace-answered-without-echo";
    public static final String UNTESTED = "trace-untested";
    public static final String NOT_PROBED = "trace-not-probed";

    public TraceCheck() {
        super("reliability.trace", Area.RELIABILITY, "TRACE disabled",
                NOT_PROBED, DISABLED, ECHOES, ANSWERED, UNTESTED);
    }

    @Override
    Finding evaluate(SiteEvidence site, ExposureEvidence exposure) {
        if (exposure.trace().isEmpty()) {
            return finding(Verdict.NOT_APPLICABLE, NOT_PROBED, "TRACE was not sent", "");
        }
        HttpExchange e = exposure.trace().get();
        String observed = "TRACE / answered " + statusOf(e);
        if (e.response().isEmpty()) {
            boolean closed = e.failure().map(f -> f.kind() == dev.vantage.probe.FailureKind.RESET).orElse(false);
            return closed ? finding(Verdict.PASS, DISABLED, observed, "")
                    : finding(Verdict.ERROR, UNTESTED, observed, "");
        }
        int status = e.response().get().status();
        boolean echoed = !exposure.traceMarker().isEmpty() && e.response().get().body().contains(
                exposure.traceMarker());
        if (status >= 200 && status < 300 && echoed) {
            return finding(Verdict.FAIL, ECHOES, observed + " and echoed the request (marker header "
                    + ExposureEvidence.TRACE_MARKER_HEADER + " came back in the body)",
                    "Disable TRACE (Apache: TraceEnable off; IIS/others: deny the method at the proxy).");
        }
        if (status >= 200 && status < 300) {
            return finding(Verdict.INFO, ANSWERED, observed + " without echoing the request",
                    "Answer 405 for methods the application does not implement.");
        }
        return finding(Verdict.PASS, DISABLED, observed, "");
    }
}
