package dev.vantage.check.browser;

import dev.vantage.check.Area;
import dev.vantage.check.Finding;
import dev.vantage.check.Verdict;
import dev.vantage.probe.browser.BrowserEvidence;
import dev.vantage.probe.browser.BrowserEvidence.InsecureReference;

import java.util.List;
import java.util.Set;

/**
 * {@code security.mixed-content}: {@code http:} resources referenced by an https page. Active content (scripts,
 * frames, stylesheets, objects, fetches) can rewrite the page, so it fails; passive content (images, media) lets a
 * network attacker see or swap what is shown, so it warns (the W3C Mixed Content categories).
 */
public final class MixedContentCheck extends BrowserCheck {

    public static final String NONE = "mixed-content-none";
    public static final String PASSIVE = "mixed-content-passive";
    public static final String ACTIVE = "mixed-content-active";
    public static final String NOT_HTTPS = "mixed-content-not-https";

    /** Element names and resource-timing initiators of passive ("optionally blockable") content. */
    static final Set<String> PASSIVE_KINDS = Set.of("img", "image", "audio", "video", "source", "track");

    public MixedContentCheck() {
        super("security.mixed-content", Area.SECURITY, "Mixed content", NONE, PASSIVE, ACTIVE, NOT_HTTPS);
    }

    @Override
    Finding evaluate(BrowserEvidence browser) {
        if (!"https".equalsIgnoreCase(browser.page().getScheme())) {
            return finding(Verdict.NOT_APPLICABLE, NOT_HTTPS, "the page was loaded over plain http, so nothing on it "
                    + "is mixed content (security.redirect grades the missing https)", "");
        }
        List<String> active = urls(browser, false);
        List<String> passive = urls(browser, true);
        if (!active.isEmpty()) {
            return finding(Verdict.FAIL, ACTIVE, active.size() + " active http: resources on the https page: "
                    + listed(active) + (passive.isEmpty() ? "" : "; passive: " + listed(passive)),
                    "Load every script, frame, stylesheet and fetch over https (browsers block active mixed content, "
                            + "so these parts of the page are broken), and add CSP upgrade-insecure-requests.");
        }
        if (!passive.isEmpty()) {
            return finding(Verdict.WARN, PASSIVE, passive.size() + " passive http: resources (images, media) on the "
                    + "https page: " + listed(passive), "Serve images and media over https, or add CSP "
                    + "upgrade-insecure-requests.");
        }
        return finding(Verdict.PASS, NONE, "no http: resources on the https page (" + (browser.resources().size())
                + " subresources loaded)", "");
    }

    private static List<String> urls(BrowserEvidence browser, boolean passive) {
        return browser.insecure().stream().filter(r -> PASSIVE_KINDS.contains(r.kind()) == passive)
                .map(InsecureReference::url).distinct().toList();
    }
}
