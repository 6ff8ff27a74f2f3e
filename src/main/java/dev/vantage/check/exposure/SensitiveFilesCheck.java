package dev.vantage.check.exposure;

import dev.vantage.check.Area;
import dev.vantage.check.Finding;
import dev.vantage.check.Verdict;
import dev.vantage.probe.SiteEvidence;
import dev.vantage.probe.exposure.ExposureEvidence;
import dev.vantage.probe.exposure.ExposureEvidence.PathProbe;
import dev.vantage.probe.http.HttpExchange;
import dev.vantage.probe.http.HttpResponseEvidence;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code security.sensitive-files}: VCS metadata, environment files, dumps, debug endpoints, directory listings
 * and source maps served to anyone. Needs a 2xx answer, content evidence, and a body that is not the site's
 * catch-all page.
 */
public final class SensitiveFilesCheck extends ExposureCheck {

    public static final String EXPOSED = "sensitive-file-exposed";
    public static final String MINOR_EXPOSED = "sensitive-file-minor-exposed";
    public static final String SOURCE_MAP_EXPOSED = "source-map-exposed";
    public static final String NONE = "sensitive-files-none";
    public static final String INCOMPLETE = "sensitive-files-incomplete";
    public static final String NOT_PROBED = "sensitive-files-not-probed";

    public SensitiveFilesCheck() {
        super("security.sensitive-files", Area.SECURITY, "Sensitive files exposed",
                NOT_PROBED, EXPOSED, MINOR_EXPOSED, SOURCE_MAP_EXPOSED, NONE, INCOMPLETE);
    }

    @Override
    Finding evaluate(SiteEvidence site, ExposureEvidence exposure) {
        Optional<String> baseline = SoftNotFound.baseline(exposure);
        List<String> critical = new ArrayList<>();
        List<String> minor = new ArrayList<>();
        List<PathProbe> unanswered = new ArrayList<>();
        for (PathProbe probe : exposure.sensitivePaths()) {
            if (!probe.exchange().answered()) {
                unanswered.add(probe);
                continue;
            }
            Optional<SensitiveContent.Detector> detector = SensitiveContent.detector(probe.path().id());
            Optional<String> body = servedBody(probe.exchange(), exposure);
            if (detector.isPresent() && body.isPresent() && detector.get().matches().test(body.get())
                    && baseline.map(b -> !detector.get().matches().test(b)).orElse(true)) {
                String line = probe.path().path() + " answered " + ExposureCheck.statusOf(probe.exchange())
                        + " with " + detector.get().evidence() + " (" + probe.path().what() + ")";
                (detector.get().severity() == SensitiveContent.Severity.CRITICAL ? critical : minor).add(line);
            }
        }
        List<String> maps = exposure.sourceMaps().stream()
                .filter(m -> servedBody(m, exposure).filter(SensitiveContent::isSourceMap).isPresent())
                .map(m -> m.request().url().getRawPath()).toList();
        String soft = baseline.isPresent() ? "; the site answers 2xx for unknown paths, so only content "
                + "different from its catch-all page counted" : "";
        if (!critical.isEmpty()) {
            return finding(Verdict.FAIL, EXPOSED, String.join("; ", concat(critical, minor)) + soft,
                    "Remove these files from the web root or deny them at the server (e.g. deny dot-files and "
                            + "backup extensions), then rotate any credential they contained.");
        }
        if (!minor.isEmpty()) {
            return finding(Verdict.WARN, MINOR_EXPOSED, String.join("; ", minor) + soft,
                    "Turn off directory listings and debug indexes, and delete metadata files from the web root.");
        }
        if (!maps.isEmpty()) {
            return finding(Verdict.WARN, SOURCE_MAP_EXPOSED, "source maps referenced by served scripts are public: "
                    + String.join(", ", maps), "Do not deploy source maps publicly (upload them to your error "
                    + "tracker instead) unless exposing the original source is intended.");
        }
        if (!unanswered.isEmpty()) {
            // Unanswered is not "not served": say why the first one failed so a timeout is not read as a pass.
            PathProbe first = unanswered.get(0);
            return finding(Verdict.ERROR, INCOMPLETE, unanswered.size() + " of " + exposure.sensitivePaths().size()
                    + " sensitive paths got no answer (first: " + first.path().path() + ", "
                    + ExposureCheck.statusOf(first.exchange()) + "); none of the answered ones exposed anything"
                    + soft, "");
        }
        return finding(Verdict.PASS, NONE, "none of " + exposure.sensitivePaths().size() + " sensitive paths and "
                + exposure.sourceMaps().size() + " source maps is served" + soft, "");
    }

    /** The body of a 2xx answer that is not the catch-all page. */
    private static Optional<String> servedBody(HttpExchange exchange, ExposureEvidence exposure) {
        if (SoftNotFound.isCatchAll(exchange, exposure)) {
            return Optional.empty();
        }
        return exchange.response().filter(r -> r.status() >= 200 && r.status() < 300)
                .map(HttpResponseEvidence::body);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
