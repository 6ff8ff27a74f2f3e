package dev.vantage.probe.http;

import dev.vantage.probe.Deadline;
import dev.vantage.probe.FailureKind;
import dev.vantage.probe.PhaseTimings;
import dev.vantage.probe.ProbeFailure;
import dev.vantage.probe.ProbeKind;
import dev.vantage.probe.ProbeScope;
import dev.vantage.probe.Prober;
import io.vertx.core.Future;

import java.util.Optional;

/** The final page again with a foreign {@code Origin}, to see whether the site reflects it. */
public final class CorsProbe implements Prober<HttpExchange> {

    /** Origin sent by the CORS probe; no real site can own a {@code .invalid} name (RFC 2606). */
    public static final String FOREIGN_ORIGIN = "https://vantage-cors-probe.invalid";

    private final HttpProber http;

    public CorsProbe(HttpProber http) {
        this.http = http;
    }

    @Override
    public ProbeKind kind() {
        return ProbeKind.CORS;
    }

    @Override
    public Future<HttpExchange> probe(ProbeScope scope, Deadline deadline) {
        HttpRequestSpec cors = new HttpRequestSpec("GET", scope.url(), Headers.of("Origin", FOREIGN_ORIGIN));
        // A final hop the address policy refused (e.g. a public site redirecting inward) gets no CORS request.
        Optional<ProbeFailure> blocked = scope.page().flatMap(c -> c.last().failure())
                .filter(f -> f.kind() == FailureKind.BLOCKED_ADDRESS);
        return blocked.isPresent()
                ? Future.succeededFuture(HttpExchange.failed(cors, PhaseTimings.NONE, blocked.get()))
                : http.exchange(cors, deadline);
    }
}
