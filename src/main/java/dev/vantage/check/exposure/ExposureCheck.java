package dev.vantage.check.exposure;

import dev.vantage.check.Area;
import dev.vantage.check.BaseCheck;
import dev.vantage.check.Finding;
import dev.vantage.check.Verdict;
import dev.vantage.probe.ProbeKind;
import dev.vantage.probe.SiteEvidence;
import dev.vantage.probe.exposure.ExposureEvidence;
import dev.vantage.probe.http.HttpExchange;

/** Base of the exposure checks: a run without exposure evidence is "not probed", never a pass. */
abstract class ExposureCheck extends BaseCheck {

    @Override
    public java.util.Set<ProbeKind> needs() {
        return java.util.Set.of(ProbeKind.PAGE, ProbeKind.EXPOSURE);
    }

    private final String notProbed;

    /** @param notProbed the result returned when the exposure probe did not run; each check has its own key */
    ExposureCheck(String id, Area area, String title, String notProbed, String... results) {
        super(id, area, title, plus(notProbed, results));
        this.notProbed = notProbed;
    }

    abstract Finding evaluate(SiteEvidence site, ExposureEvidence exposure);

    @Override
    public final Finding evaluate(SiteEvidence evidence) {
        if (evidence.exposure().isEmpty()) {
            return finding(Verdict.NOT_APPLICABLE, notProbed, "the exposure probe did not run", "");
        }
        ExposureEvidence exposure = evidence.exposure().get();
        if (exposure.skipped().isPresent()) {
            return finding(Verdict.NOT_APPLICABLE, notProbed, "not probed: " + exposure.skipped().get(), "");
        }
        return evaluate(evidence, exposure);
    }

    /** {@code 404 Not Found} or the failure, for observed texts. */
    static String statusOf(HttpExchange exchange) {
        return exchange.response().map(r -> r.status() + (r.reason().isEmpty() ? "" : " " + r.reason()))
                .orElseGet(() -> exchange.failure().map(f -> f.describe()).orElse("no answer"));
    }

    static int status(HttpExchange exchange) {
        return exchange.response().map(r -> r.status()).orElse(0);
    }

    /** The request path, for observed texts. */
    static String path(HttpExchange exchange) {
        String p = exchange.request().url().getRawPath();
        return p == null || p.isEmpty() ? "/" : p;
    }
}
