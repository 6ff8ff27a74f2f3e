package dev.vantage.check.browser;

import dev.vantage.check.Area;
import dev.vantage.check.BaseCheck;
import dev.vantage.check.CheckSupport;
import dev.vantage.check.Finding;
import dev.vantage.check.Verdict;
import dev.vantage.probe.ProbeKind;
import dev.vantage.probe.SiteEvidence;
import dev.vantage.probe.browser.BrowserEvidence;
import dev.vantage.probe.browser.BrowserEvidence.LoadedResource;
import dev.vantage.probe.exposure.ScriptLinks;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code launch.analytics}: which known analytics and tag products the page uses ({@link AnalyticsProducts}), from the
 * {@code <script src>} URLs of the page's HTML (every run, no browser needed) and, with a browser audit, the scripts
 * of the rendered page and every request the browser made. The checklist asks for analytics to be in place; whether a
 * site needs them is its owners' call, so this informs and never moves the grade.
 */
public final class AnalyticsCheck extends BaseCheck {

    public static final String FOUND = "analytics-found";
    public static final String NONE_SEEN = "analytics-none-seen";

    /** At most this many script URLs of the HTML, scripts of the rendered page and browser requests are read. */
    static final int MAX_URLS = 200;

    /** How many places a product is quoted at before saying how many more. */
    static final int PLACES_SHOWN = 2;

    public AnalyticsCheck() {
        super("launch.analytics", Area.LAUNCH_READINESS, "Known analytics",
                CheckSupport.PAGE_NOT_ANSWERED, FOUND, NONE_SEEN);
    }

    /**
     * An audit's, like {@code security.vulnerable-libraries}: the browser audit adds what scripts load at run time
     * (a tag manager's tags), and a pulse that re-read the HTML alone would replace that finding with a poorer one.
     * The browser is read when present, not required: without Chromium the HTML still answers.
     */
    @Override
    public Set<ProbeKind> needs() {
        return Set.of(ProbeKind.PAGE, ProbeKind.EXPOSURE);
    }

    @Override
    public Finding evaluate(SiteEvidence evidence) {
        Optional<BrowserEvidence> browser = evidence.browser();
        if (CheckSupport.page(evidence).isEmpty() && browser.isEmpty()) {
            return CheckSupport.notAnswered(this, evidence);
        }
        Map<String, List<String>> seen = new LinkedHashMap<>();
        List<String> read = new ArrayList<>();
        CheckSupport.page(evidence).ifPresent(r -> {
            List<URI> scripts = ScriptLinks.allScripts(r.body(), evidence.finalPage().request().url(), MAX_URLS);
            scripts.forEach(u -> add(seen, u.toString(), "script"));
            read.add(scripts.size() + " script URLs of the HTML");
        });
        browser.ifPresent(b -> {
            List<String> rendered = b.tags().stream().filter(t -> t.kind().equals("script"))
                    .map(BrowserEvidence.SubresourceTag::url).limit(MAX_URLS).toList();
            rendered.forEach(u -> add(seen, u, "script"));
            List<String> requests = b.resources().stream().map(LoadedResource::url).limit(MAX_URLS).toList();
            requests.forEach(u -> add(seen, u, "contacted"));
            read.add(rendered.size() + " scripts of the rendered page");
            read.add(requests.size() + " requests the browser made");
        });
        String sources = "read: " + String.join(", ", read) + browserNote(browser);
        if (seen.isEmpty()) {
            return finding(Verdict.INFO, NONE_SEEN, "No known analytics seen in the page's scripts (" + sources + ").",
                    "");
        }
        String products = seen.entrySet().stream().map(e -> e.getKey() + " (" + places(e.getValue()) + ")")
                .collect(Collectors.joining("; "));
        return finding(Verdict.INFO, FOUND, products + " (" + sources + ").", "");
    }

    private static void add(Map<String, List<String>> seen, String url, String how) {
        AnalyticsProducts.product(url).ifPresent(product -> {
            // the query of a tag or beacon URL carries measurement ids and visitor ids: masked
            String place = how + " " + CheckSupport.quote(BrowserCheck.masked(url));
            List<String> places = seen.computeIfAbsent(product, k -> new ArrayList<>());
            if (!places.contains(place)) {
                places.add(place);
            }
        });
    }

    private static String places(List<String> places) {
        String shown = String.join(", ", places.subList(0, Math.min(PLACES_SHOWN, places.size())));
        return places.size() > PLACES_SHOWN ? shown + " and " + (places.size() - PLACES_SHOWN) + " more" : shown;
    }

    private static String browserNote(Optional<BrowserEvidence> browser) {
        if (browser.isEmpty()) {
            return "; without a browser audit only the HTML was read, so tags a script adds at run time are not seen";
        }
        return browser.get().failure().isPresent()
                ? "; the browser audit did not complete, so what the browser saw may be partial" : "";
    }
}
