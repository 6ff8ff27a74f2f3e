package dev.vantage.check.security;

import dev.vantage.check.Area;
import dev.vantage.check.Finding;
import dev.vantage.check.PageHeaderCheck;
import dev.vantage.check.Verdict;
import dev.vantage.probe.SiteEvidence;
import dev.vantage.probe.http.HttpResponseEvidence;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.vantage.check.CheckSupport.quote;
import static dev.vantage.check.CheckSupport.trustedHttps;

/** Cookie flags of the final page, MDN style: the worst cookie decides. Cookie values are never quoted. */
public final class CookiesCheck extends PageHeaderCheck {

    public static final String SESSION_NO_SECURE = "cookies-session-without-secure-flag";
    public static final String SESSION_NO_HTTPONLY = "cookies-session-without-httponly-flag";
    public static final String NO_SECURE = "cookies-without-secure-flag";
    public static final String SAMESITE_INVALID = "cookies-samesite-flag-invalid";
    public static final String ANTICSRF_NO_SAMESITE = "cookies-anticsrf-without-samesite-flag";
    public static final String SESSION_NO_SECURE_HSTS = "cookies-session-without-secure-flag-but-protected-by-hsts";
    public static final String NO_SECURE_HSTS = "cookies-without-secure-flag-but-protected-by-hsts";
    public static final String PREFIX_INVALID = "cookies-prefix-invalid";
    public static final String SECURE_HTTPONLY = "cookies-secure-with-httponly-sessions";
    public static final String SECURE_HTTPONLY_SAMESITE = "cookies-secure-with-httponly-sessions-and-samesite";
    public static final String NOT_FOUND = "cookies-not-found";

    /** Worst first: the order in which a cookie's problems decide the result (MDN's modifiers, most negative first). */
    private static final List<String> SEVERITY = List.of(SESSION_NO_SECURE, SESSION_NO_HTTPONLY, NO_SECURE,
            SAMESITE_INVALID, ANTICSRF_NO_SAMESITE, SESSION_NO_SECURE_HSTS, NO_SECURE_HSTS, PREFIX_INVALID,
            SECURE_HTTPONLY, SECURE_HTTPONLY_SAMESITE);

    private static final int MAX_LISTED = 20;

    public CookiesCheck() {
        super("security.cookies", Area.SECURITY, "Cookies", SESSION_NO_SECURE, SESSION_NO_HTTPONLY, NO_SECURE,
                SAMESITE_INVALID, ANTICSRF_NO_SAMESITE, SESSION_NO_SECURE_HSTS, NO_SECURE_HSTS, PREFIX_INVALID,
                SECURE_HTTPONLY, SECURE_HTTPONLY_SAMESITE, NOT_FOUND);
    }

    @Override
    protected Finding evaluate(HttpResponseEvidence page, SiteEvidence evidence) {
        List<String> lines = page.headers().values("Set-Cookie").stream().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty()) {
            return finding(Verdict.PASS, NOT_FOUND, "The page sets no cookies.", "");
        }
        boolean https = evidence.finalPage().isHttps();
        boolean hsts = https && trustedHttps(evidence.finalPage(), evidence.startedAt()) && page.headers()
                .first("Strict-Transport-Security").flatMap(v -> HstsPolicy.parse(v, null))
                .map(p -> p.maxAge() > 0).orElse(false);
        int worst = SEVERITY.size() - 1;
        List<String> bad = new ArrayList<>();
        for (String line : lines) {
            SetCookie c = SetCookie.parse(line);
            List<String> problems = new ArrayList<>();
            int rank = rank(c, https, hsts, problems);
            worst = Math.min(worst, rank);
            if (!problems.isEmpty()) {
                bad.add(quote(c.name()) + " (" + String.join(", ", problems) + ")");
            }
        }
        String result = SEVERITY.get(worst);
        String observed = lines.size() + " cookie(s)" + (https ? "" : " set over plain http")
                + (bad.isEmpty() ? ", all with Secure, HttpOnly on session cookies"
                + (result.equals(SECURE_HTTPONLY_SAMESITE) ? " and SameSite." : ".")
                : "; problems: " + String.join("; ", bad.subList(0, Math.min(bad.size(), MAX_LISTED)))
                + (bad.size() > MAX_LISTED ? "; and " + (bad.size() - MAX_LISTED) + " more cookie(s)." : "."));
        return switch (result) {
            case SECURE_HTTPONLY_SAMESITE -> finding(Verdict.PASS, result, observed, "");
            case SECURE_HTTPONLY -> finding(Verdict.PASS, result, observed,
                    "Add SameSite=Lax (or Strict) to every cookie.");
            case NO_SECURE_HSTS, PREFIX_INVALID -> finding(Verdict.WARN, result, observed, remediation(result));
            default -> finding(Verdict.FAIL, result, observed, remediation(result));
        };
    }

    /** The severity index of one cookie, collecting what is wrong with it. */
    private static int rank(SetCookie c, boolean https, boolean hsts, List<String> problems) {
        boolean secure = c.secure() && https;
        boolean session = c.sessionLike();
        List<String> hits = new ArrayList<>();
        if (!secure) {
            problems.add(c.secure() ? "Secure flag useless over plain http" : "missing Secure");
            hits.add(session ? (hsts ? SESSION_NO_SECURE_HSTS : SESSION_NO_SECURE) : (hsts ? NO_SECURE_HSTS : NO_SECURE));
        }
        if (session && !c.httpOnly()) {
            problems.add("missing HttpOnly on a session cookie");
            hits.add(SESSION_NO_HTTPONLY);
        }
        if (c.sameSiteInvalid()) {
            problems.add("SameSite=" + c.sameSite().map(v -> v.length() > 20 ? v.substring(0, 20) + "…" : v).orElse("")
                    + " is not accepted" + (c.sameSite().orElse("").equalsIgnoreCase("none") ? " without Secure" : ""));
            hits.add(SAMESITE_INVALID);
        } else if (c.antiCsrf() && !c.sameSiteRestricted()) {
            problems.add("anti-CSRF cookie without SameSite=Lax/Strict");
            hits.add(ANTICSRF_NO_SAMESITE);
        }
        Optional<String> prefix = c.prefixViolation();
        if (prefix.isPresent()) {
            problems.add(prefix.get() + " (browsers drop it)");
            hits.add(PREFIX_INVALID);
        }
        hits.add(c.sameSiteRestricted() ? SECURE_HTTPONLY_SAMESITE : SECURE_HTTPONLY);
        return hits.stream().mapToInt(SEVERITY::indexOf).min().orElseThrow();
    }

    private static String remediation(String result) {
        return switch (result) {
            case SESSION_NO_HTTPONLY -> "Add HttpOnly to session cookies so scripts cannot read them.";
            case SAMESITE_INVALID -> "Use SameSite=Lax or Strict (SameSite=None only together with Secure).";
            case ANTICSRF_NO_SAMESITE -> "Add SameSite=Lax or Strict to anti-CSRF cookies.";
            case PREFIX_INVALID -> "Give __Host- cookies Secure, Path=/ and no Domain, and __Secure- cookies Secure.";
            default -> "Add Secure to every cookie, serve the site only over https and send HSTS.";
        };
    }
}
