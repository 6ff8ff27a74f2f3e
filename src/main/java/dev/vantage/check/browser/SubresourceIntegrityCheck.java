package dev.vantage.check.browser;

import dev.vantage.check.Area;
import dev.vantage.check.Finding;
import dev.vantage.check.Verdict;
import dev.vantage.probe.browser.BrowserEvidence;
import dev.vantage.probe.browser.BrowserEvidence.SubresourceTag;

import java.util.List;

/**
 * {@code security.subresource-integrity}: third-party scripts should carry an {@code integrity} hash, so a
 * compromised CDN cannot run code on the page. Results and modifiers are MDN HTTP Observatory's SRI test (the worst
 * script decides); the scripts are those of the rendered DOM, so scripts inserted by other scripts count too.
 * Third-party stylesheets without integrity are named in the observed text but, as in the Observatory, not priced.
 */
public final class SubresourceIntegrityCheck extends BrowserCheck {

    public static final String IMPLEMENTED = "sri-implemented-and-external-scripts-loaded-securely";
    public static final String IMPLEMENTED_INSECURE = "sri-implemented-but-external-scripts-not-loaded-securely";
    public static final String MISSING = "sri-not-implemented-but-external-scripts-loaded-securely";
    public static final String MISSING_INSECURE = "sri-not-implemented-and-external-scripts-not-loaded-securely";
    public static final String SAME_ORIGIN_ONLY = "sri-not-implemented-but-all-scripts-loaded-from-secure-origin";
    public static final String NO_SCRIPTS = "sri-not-implemented-but-no-scripts-loaded";

    public SubresourceIntegrityCheck() {
        super("security.subresource-integrity", Area.SECURITY, "Subresource Integrity", IMPLEMENTED,
                IMPLEMENTED_INSECURE, MISSING, MISSING_INSECURE, SAME_ORIGIN_ONLY, NO_SCRIPTS);
    }

    @Override
    Finding evaluate(BrowserEvidence browser) {
        List<SubresourceTag> scripts = of(browser, "script");
        List<SubresourceTag> external = scripts.stream().filter(t -> browser.thirdParty(t.url())).toList();
        String styles = styles(browser);
        if (scripts.isEmpty()) {
            return finding(Verdict.PASS, NO_SCRIPTS, "the page loads no scripts from a URL" + styles, "");
        }
        if (external.isEmpty()) {
            return finding(Verdict.PASS, SAME_ORIGIN_ONLY, scripts.size() + " scripts, all from the page's own "
                    + "origin" + styles, "");
        }
        List<String> insecure = external.stream().filter(t -> !t.url().startsWith("https:"))
                .map(SubresourceTag::url).toList();
        List<String> bare = external.stream().filter(t -> !t.integrity()).map(SubresourceTag::url).toList();
        String fix = "Add integrity=\"sha384-…\" and crossorigin=\"anonymous\" to every third-party script (and load "
                + "it over https), or host the script yourself.";
        if (!insecure.isEmpty()) {
            return bare.isEmpty()
                    ? finding(Verdict.FAIL, IMPLEMENTED_INSECURE, "third-party scripts with integrity but over "
                            + "http: " + listed(insecure) + styles, fix)
                    : finding(Verdict.FAIL, MISSING_INSECURE, "third-party scripts over http: " + listed(insecure)
                            + "; without integrity: " + listed(bare) + styles, fix);
        }
        if (!bare.isEmpty()) {
            return finding(Verdict.WARN, MISSING, bare.size() + " of " + external.size() + " third-party scripts "
                    + "without integrity: " + listed(bare) + styles, fix);
        }
        return finding(Verdict.PASS, IMPLEMENTED, "all " + external.size() + " third-party scripts carry integrity "
                + "and load over https" + styles, "");
    }

    private static List<SubresourceTag> of(BrowserEvidence browser, String kind) {
        return browser.tags().stream().filter(t -> t.kind().equals(kind)).toList();
    }

    private static String styles(BrowserEvidence browser) {
        List<String> bare = of(browser, "style").stream().filter(t -> browser.thirdParty(t.url()) && !t.integrity())
                .map(SubresourceTag::url).toList();
        return bare.isEmpty() ? "" : "; third-party stylesheets without integrity (not priced): " + listed(bare);
    }
}
