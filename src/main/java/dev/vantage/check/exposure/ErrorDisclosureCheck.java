package dev.vantage.check.exposure;

import dev.vantage.check.Area;
import dev.vantage.check.Finding;
import dev.vantage.check.Verdict;
import dev.vantage.probe.SiteEvidence;
import dev.vantage.probe.exposure.ExposureEvidence;
import dev.vantage.probe.exposure.ScanLimit;
import dev.vantage.probe.http.HttpExchange;
import dev.vantage.probe.http.HttpResponseEvidence;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code reliability.error-disclosure}: no error answer may show a stack trace or a framework debug page. Searches
 * every error answer of the run (the page if it failed, the random path, malformed requests, TRACE, sensitive
 * paths and health endpoints answering 4xx/5xx), and the random-path answer whatever its status.
 */
public final class ErrorDisclosureCheck extends ExposureCheck {

    public static final String DEBUG_PAGE = "debug-page-exposed";
    public static final String STACK_TRACE = "stack-trace-exposed";
    public static final String NONE = "error-disclosure-none";
    public static final String NOT_PROBED = "error-disclosure-not-probed";

    public ErrorDisclosureCheck() {
        super("reliability.error-disclosure", Area.RELIABILITY, "No stack traces or debug pages",
                NOT_PROBED, DEBUG_PAGE, STACK_TRACE, NONE);
    }

    @Override
    Finding evaluate(SiteEvidence site, ExposureEvidence exposure) {
        List<Source> sources = sources(site, exposure);
        Optional<String> debug = Optional.empty();
        List<String> traces = new ArrayList<>();
        List<String> cut = new ArrayList<>();
        for (Source source : sources) {
            if (ScanLimit.truncated(source.body)) {
                cut.add(source.where + ScanLimit.note(source.body));
            }
            Optional<ErrorDisclosure.Hit> hit = ErrorDisclosure.find(source.body);
            if (hit.isEmpty()) {
                continue;
            }
            String line = source.where + ": " + hit.get().what() + " (\"" + hit.get().excerpt() + "\")";
            if (hit.get().debugPage() && debug.isEmpty()) {
                debug = Optional.of(line);
            } else if (traces.size() < 3) {
                traces.add(line);
            }
        }
        if (debug.isPresent()) {
            List<String> all = new ArrayList<>(List.of(debug.get()));
            all.addAll(traces);
            return finding(Verdict.FAIL, DEBUG_PAGE, String.join("; ", all) + ScanLimit.partly(cut), "Turn debug "
                    + "mode off in production (DEBUG=False, APP_DEBUG=false, ASPNETCORE_ENVIRONMENT=Production...): "
                    + "debug pages reveal code, settings and sometimes a console that runs code.");
        }
        if (!traces.isEmpty()) {
            return finding(Verdict.FAIL, STACK_TRACE, String.join("; ", traces) + ScanLimit.partly(cut), "Catch "
                    + "errors at the edge of the application and answer a generic error page; log the stack trace "
                    + "instead of sending it.");
        }
        return finding(Verdict.PASS, NONE, "no stack trace or debug page in " + sources.size()
                + " error answers" + ScanLimit.partly(cut), "");
    }

    private record Source(String where, String body) {
    }

    private static List<Source> sources(SiteEvidence site, ExposureEvidence exposure) {
        List<Source> out = new ArrayList<>();
        addIfError(out, site.finalPage(), false);
        exposure.notFound().ifPresent(e -> addIfError(out, e, true));
        exposure.badEncoding().ifPresent(raw -> raw.response().ifPresent(r ->
                out.add(new Source(raw.requestLine() + " → " + r.status(), r.body()))));
        exposure.oversized().ifPresent(e -> addIfError(out, e, false));
        exposure.trace().ifPresent(e -> addIfError(out, e, false));
        exposure.sensitivePaths().forEach(p -> addIfError(out, p.exchange(), false));
        exposure.health().forEach(e -> addIfError(out, e, false));
        return out;
    }

    private static void addIfError(List<Source> out, HttpExchange e, boolean always) {
        Optional<HttpResponseEvidence> r = e.response();
        if (r.isPresent() && (always || r.get().status() >= 400)) {
            out.add(new Source(e.request().method() + " " + path(e) + " → " + r.get().status(), r.get().body()));
        }
    }
}
