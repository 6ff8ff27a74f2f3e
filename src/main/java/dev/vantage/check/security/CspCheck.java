package dev.vantage.check.security;

import dev.vantage.check.Area;
import dev.vantage.check.BaseCheck;
import dev.vantage.check.Finding;
import dev.vantage.check.Verdict;
import dev.vantage.probe.SiteEvidence;
import dev.vantage.probe.http.HttpResponseEvidence;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.vantage.check.CheckSupport.PAGE_NOT_ANSWERED;
import static dev.vantage.check.CheckSupport.joined;
import static dev.vantage.check.CheckSupport.notAnswered;
import static dev.vantage.check.CheckSupport.page;
import static dev.vantage.check.CheckSupport.quote;

/**
 * Content-Security-Policy quality, following MDN HTTP Observatory's CSP test: the first matching rule decides the
 * result, and the observed text lists every concrete weakness found.
 */
public final class CspCheck extends BaseCheck {

    public static final String DEFAULT_NONE = "csp-implemented-with-no-unsafe-default-src-none";
    public static final String NO_UNSAFE = "csp-implemented-with-no-unsafe";
    public static final String UNSAFE_STYLE_ONLY = "csp-implemented-with-unsafe-inline-in-style-src-only";
    public static final String INSECURE_PASSIVE = "csp-implemented-with-insecure-scheme-in-passive-content-only";
    public static final String UNSAFE_EVAL = "csp-implemented-with-unsafe-eval";
    public static final String UNSAFE_INLINE = "csp-implemented-with-unsafe-inline";
    public static final String INSECURE_SCHEME = "csp-implemented-with-insecure-scheme";
    public static final String INVALID = "csp-header-invalid";
    public static final String MISSING = "csp-not-implemented";
    public static final String REPORT_ONLY = "csp-not-implemented-but-reporting-enabled";

    private static final Set<String> PASSIVE = Set.of("img-src", "media-src");

    public CspCheck() {
        super("security.csp", Area.SECURITY, "Content-Security-Policy",
                DEFAULT_NONE, NO_UNSAFE, UNSAFE_STYLE_ONLY, INSECURE_PASSIVE, UNSAFE_EVAL, UNSAFE_INLINE,
                INSECURE_SCHEME, INVALID, MISSING, REPORT_ONLY, PAGE_NOT_ANSWERED);
    }

    @Override
    public Finding evaluate(SiteEvidence evidence) {
        Optional<HttpResponseEvidence> page = page(evidence);
        if (page.isEmpty()) {
            return notAnswered(this, evidence);
        }
        List<String> values = page.get().headers().values("Content-Security-Policy");
        if (values.stream().allMatch(String::isBlank)) {
            if (page.get().headers().contains("Content-Security-Policy-Report-Only")) {
                return finding(Verdict.FAIL, REPORT_ONLY, "Only Content-Security-Policy-Report-Only "
                        + quote(page.get().headers().first("Content-Security-Policy-Report-Only").orElse(""))
                        + " is sent: it reports violations but blocks nothing.",
                        "Once the reports are clean, send the same policy as Content-Security-Policy.");
            }
            return finding(Verdict.FAIL, MISSING, "No Content-Security-Policy header.",
                    "Send a Content-Security-Policy, starting from default-src 'none' and allowing what the page needs.");
        }
        String shown = quote(joined(values));
        CspPolicies csp;
        try {
            csp = CspPolicies.parse(values);
        } catch (IllegalArgumentException e) {
            return finding(Verdict.FAIL, INVALID, "Content-Security-Policy " + shown + " cannot be parsed: "
                    + e.getMessage() + ".", "Fix the policy syntax (check it with a CSP evaluator).");
        }
        return analyse(csp, shown, evidence.finalPage().isHttps());
    }

    private Finding analyse(CspPolicies csp, String shown, boolean https) {
        Set<String> script = csp.effective("script-src", "default-src");
        Set<String> object = csp.effective("object-src", "default-src");
        Set<String> style = csp.effective("style-src", "default-src");
        List<String> problems = new ArrayList<>();
        String result = null;
        for (Set<String> list : List.of(script, style)) {
            if (hasNonceOrHash(list)) {
                list.remove("'unsafe-inline'");
            }
        }
        if (script.contains("'strict-dynamic'")) {
            if (!hasNonceOrHash(script)) {
                return finding(Verdict.FAIL, INVALID, "Content-Security-Policy " + shown
                        + " uses 'strict-dynamic' without a nonce or hash, so no script can ever load.",
                        "Add a per-response nonce or script hashes next to 'strict-dynamic'.");
            }
            // with strict-dynamic, browsers ignore host/scheme sources, 'self' and 'unsafe-inline' in script-src
            script.removeIf(s -> CspPolicies.BROAD.contains(s) || s.contains(":") || s.equals("'self'")
                    || s.equals("'unsafe-inline'"));
        }
        Set<String> unsafeScript = new java.util.TreeSet<>();
        script.stream().filter(s -> s.equals("'unsafe-inline'") || s.equals("data:") || CspPolicies.BROAD.contains(s))
                .forEach(unsafeScript::add);
        if (!csp.has("script-src") && !csp.has("default-src")) {
            problems.add("no script-src or default-src (scripts from anywhere)");
        } else if (!unsafeScript.isEmpty()) {
            problems.add("script-src allows " + String.join(" ", unsafeScript));
        }
        if (!csp.has("object-src") && !csp.has("default-src")) {
            problems.add("no object-src or default-src (plugins from anywhere)");
        } else if (CspPolicies.isBroad(object)) {
            problems.add("object-src is too broad");
        }
        if (!unsafeScript.isEmpty() || CspPolicies.isBroad(object)) {
            result = UNSAFE_INLINE;
        }
        if (https && activeSources(csp, script).stream().anyMatch(CspCheck::insecure)) {
            problems.add("http: or ftp: sources for active content");
            result = result == null ? INSECURE_SCHEME : result;
        }
        if (script.contains("'unsafe-eval'") || style.contains("'unsafe-eval'")) {
            problems.add("'unsafe-eval' allowed");
            result = result == null ? UNSAFE_EVAL : result;
        }
        if (https && passiveSources(csp).stream().anyMatch(CspCheck::insecure)) {
            problems.add("http: sources for images or media");
            result = result == null ? INSECURE_PASSIVE : result;
        }
        if (style.stream().anyMatch(s -> s.equals("'unsafe-inline'") || s.equals("data:")
                || CspPolicies.BROAD.contains(s))) {
            problems.add("style-src allows 'unsafe-inline', data: or a broad source");
            result = result == null ? UNSAFE_STYLE_ONLY : result;
        }
        Set<String> def = csp.effective("default-src");
        boolean defaultNone = csp.has("default-src") && def.size() == 1 && def.contains("'none'");
        if (result == null) {
            result = defaultNone ? DEFAULT_NONE : NO_UNSAFE;
        }
        addAdvice(csp, problems);
        return finish(result, shown, problems);
    }

    private static void addAdvice(CspPolicies csp, List<String> problems) {
        if (!csp.has("base-uri")) {
            problems.add("no base-uri");
        } else if (CspPolicies.isBroad(csp.effective("base-uri"))) {
            problems.add("base-uri is too broad");
        }
        if (!csp.has("frame-ancestors")) {
            problems.add("no frame-ancestors");
        } else if (CspPolicies.isBroad(csp.effective("frame-ancestors"))) {
            problems.add("frame-ancestors allows any site");
        }
        if (!csp.has("form-action")) {
            problems.add("no form-action");
        }
        if (!csp.duplicates().isEmpty()) {
            problems.add("repeated directives ignored by browsers: " + String.join(", ", csp.duplicates()));
        }
    }

    private Finding finish(String result, String shown, List<String> problems) {
        String observed = "Content-Security-Policy " + shown
                + (problems.isEmpty() ? "." : "; problems: " + String.join("; ", problems) + ".");
        return switch (result) {
            case DEFAULT_NONE, NO_UNSAFE -> finding(Verdict.PASS, result, observed, "");
            case UNSAFE_STYLE_ONLY, INSECURE_PASSIVE -> finding(Verdict.WARN, result, observed,
                    "Tighten style-src, img-src and media-src to https sources without 'unsafe-inline'.");
            case UNSAFE_EVAL -> finding(Verdict.FAIL, result, observed,
                    "Remove eval() from the code, then remove 'unsafe-eval' from the policy.");
            case INSECURE_SCHEME -> finding(Verdict.FAIL, result, observed,
                    "Load every script and frame over https and remove http: sources from the policy.");
            default -> finding(Verdict.FAIL, result, observed, "Remove 'unsafe-inline', data: and broad sources from"
                    + " script-src, and set object-src 'none' (or default-src 'none').");
        };
    }

    private static boolean hasNonceOrHash(Set<String> sources) {
        return sources.stream().anyMatch(s -> s.startsWith("'nonce-") || s.startsWith("'sha256-")
                || s.startsWith("'sha384-") || s.startsWith("'sha512-"));
    }

    private static boolean insecure(String source) {
        return source.startsWith("http:") || source.startsWith("ftp:");
    }

    private static List<String> activeSources(CspPolicies csp, Set<String> script) {
        List<String> out = new ArrayList<>(script);
        for (Map.Entry<String, Set<String>> d : csp.allDirectives()) {
            if (!PASSIVE.contains(d.getKey()) && !d.getKey().equals("script-src")) {
                out.addAll(d.getValue());
            }
        }
        return out;
    }

    private static List<String> passiveSources(CspPolicies csp) {
        List<String> out = new ArrayList<>();
        for (String d : PASSIVE) {
            if (csp.has(d) || csp.has("default-src")) {
                out.addAll(csp.effective(d, "default-src"));
            }
        }
        return out;
    }
}
