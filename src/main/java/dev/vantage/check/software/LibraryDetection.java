package dev.vantage.check.software;

import dev.vantage.dataset.VulnerabilityDataset;
import dev.vantage.probe.SiteEvidence;
import dev.vantage.probe.browser.BrowserEvidence;
import dev.vantage.probe.browser.LibraryGlobals;
import dev.vantage.probe.exposure.ScriptLinks;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds library versions in the evidence: the page's script URLs (no browser needed), the banners of the same-origin scripts
 * the exposure probe fetched (audit), and the browser's rendered scripts and globals (browser audit).
 */
final class LibraryDetection {

    /** At most this many script URLs of the page (and of the rendered DOM) are read; the first name its libraries. */
    static final int MAX_SCRIPTS = 200;

    private LibraryDetection() {
    }

    static List<DetectedLibrary> detect(SiteEvidence evidence, VulnerabilityDataset dataset) {
        Map<String, List<String>> seen = new LinkedHashMap<>();
        URI page = evidence.finalPage().request().url();
        evidence.finalPage().response().ifPresent(r -> ScriptLinks.allScripts(r.body(), page, MAX_SCRIPTS)
                .forEach(url -> fromUrl(dataset, url.toString(), "url " + url, seen)));
        evidence.exposure().ifPresent(e -> e.scripts().forEach(script -> script.response().ifPresent(r ->
                dataset.fromBanner(r.body()).forEach(hit -> add(seen, hit.getKey(), hit.getValue(),
                        "banner " + script.request().url())))));
        evidence.browser().ifPresent(b -> {
            b.tags().stream().filter(t -> t.kind().equals("script")).limit(MAX_SCRIPTS)
                    .forEach(t -> fromUrl(dataset, t.url(), "url " + t.url(), seen));
            for (LibraryGlobals.Found g : b.libraries()) {
                add(seen, g.library(), g.version(), "global (browser)");
            }
        });
        List<DetectedLibrary> out = new ArrayList<>();
        seen.forEach((key, sources) -> {
            int cut = key.indexOf('\u0000');
            out.add(new DetectedLibrary(key.substring(0, cut), key.substring(cut + 1), sources));
        });
        return out;
    }

    private static void fromUrl(VulnerabilityDataset dataset, String url, String source,
                                Map<String, List<String>> seen) {
        dataset.fromUrl(url).forEach(e -> add(seen, e.getKey(), e.getValue(), source));
    }

    private static void add(Map<String, List<String>> seen, String library, String version, String source) {
        // NUL cannot occur in a library name or version: the key splits back unambiguously
        List<String> sources = seen.computeIfAbsent(library + "\u0000" + version, k -> new ArrayList<>());
        if (!sources.contains(source)) {
            sources.add(source);
        }
    }
}
