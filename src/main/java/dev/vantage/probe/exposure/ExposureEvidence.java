package dev.vantage.probe.exposure;

import dev.vantage.probe.http.HttpExchange;

import java.util.List;
import java.util.Optional;

/**
 * What the exposure probe saw: a random path (the soft-404 baseline and the "unknown path" test), the fixed
 * sensitive paths, the page's same-origin scripts and their source maps, two malformed requests, TRACE,
 * security.txt and the health endpoints. Bodies are capped ({@link ExposureSettings}).
 *
 * @param skipped     why nothing was probed (the page itself was not reached), otherwise empty
 * @param notFound    {@code GET} of a random path that cannot exist
 * @param badEncoding a request line with invalid percent-encoding
 * @param oversized   a request with one oversized header ({@link ExposureSettings#oversizedHeaderBytes()})
 * @param traceMarker the value of the marker header sent with TRACE; an echo contains it
 * @param health      the health paths tried, in order; probing stops at the first that answers
 * @param requests    requests actually sent by the exposure probe
 */
public record ExposureEvidence(Optional<String> skipped, Optional<HttpExchange> notFound,
                               List<PathProbe> sensitivePaths, List<HttpExchange> scripts,
                               List<HttpExchange> sourceMaps, Optional<RawExchange> badEncoding,
                               Optional<HttpExchange> oversized, Optional<HttpExchange> trace, String traceMarker,
                               Optional<HttpExchange> securityTxt, List<HttpExchange> health, int requests) {

    /** Name of the header carrying {@link #traceMarker()}. */
    public static final String TRACE_MARKER_HEADER = "X-Vantage-Trace-Marker";
    /** Name of the oversized header. */
    public static final String OVERSIZED_HEADER = "X-Vantage-Oversized";

    public ExposureEvidence {
        sensitivePaths = List.copyOf(sensitivePaths);
        scripts = List.copyOf(scripts);
        sourceMaps = List.copyOf(sourceMaps);
        health = List.copyOf(health);
    }

    /** One sensitive path and its exchange. */
    public record PathProbe(SensitivePath path, HttpExchange exchange) {
    }

    public static ExposureEvidence skipped(String reason) {
        return new ExposureEvidence(Optional.of(reason), Optional.empty(), List.of(), List.of(), List.of(),
                Optional.empty(), Optional.empty(), Optional.empty(), "", Optional.empty(), List.of(), 0);
    }
}
