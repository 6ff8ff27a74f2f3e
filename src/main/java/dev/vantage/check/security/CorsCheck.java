package dev.vantage.check.security;

import dev.vantage.check.Area;
import dev.vantage.check.BaseCheck;
import dev.vantage.check.Finding;
import dev.vantage.check.Verdict;
import dev.vantage.probe.ProbeKind;
import dev.vantage.probe.SiteEvidence;
import dev.vantage.probe.http.Headers;
import dev.vantage.probe.http.HttpExchange;

import static dev.vantage.check.CheckSupport.joined;
import static dev.vantage.check.CheckSupport.quote;

/**
 * CORS seen by a request carrying a foreign Origin: reflecting that origin while allowing credentials lets any
 * site read the page with the visitor's cookies.
 */
public final class CorsCheck extends BaseCheck {

    @Override
    public java.util.Set<ProbeKind> needs() {
        return java.util.Set.of(ProbeKind.PAGE, ProbeKind.CORS);
    }

    public static final String NOT_IMPLEMENTED = "cross-origin-resource-sharing-not-implemented";
    public static final String PUBLIC = "cross-origin-resource-sharing-implemented-with-public-access";
    public static final String RESTRICTED = "cross-origin-resource-sharing-implemented-with-restricted-access";
    public static final String REFLECTED = "cross-origin-resource-sharing-reflects-any-origin";
    public static final String UNIVERSAL = "cross-origin-resource-sharing-implemented-with-universal-access";
    public static final String NOT_PROBED = "cross-origin-resource-sharing-not-probed";

    public CorsCheck() {
        super("security.cors", Area.SECURITY, "Cross-origin resource sharing (CORS)",
                NOT_IMPLEMENTED, PUBLIC, RESTRICTED, REFLECTED, UNIVERSAL, NOT_PROBED);
    }

    @Override
    public Finding evaluate(SiteEvidence evidence) {
        if (evidence.corsProbe().isEmpty() || !evidence.corsProbe().get().answered()) {
            String why = evidence.corsProbe().flatMap(HttpExchange::failure).map(f -> ": " + quote(f.describe())).orElse("");
            return finding(Verdict.NOT_APPLICABLE, NOT_PROBED, "No answer to the request with a foreign Origin"
                    + why + ".", "");
        }
        Headers h = evidence.corsProbe().get().response().orElseThrow().headers();
        var origins = h.values("Access-Control-Allow-Origin");
        boolean credentials = h.values("Access-Control-Allow-Credentials").stream()
                .anyMatch(v -> v.trim().equalsIgnoreCase("true"));
        if (origins.isEmpty()) {
            return finding(Verdict.PASS, NOT_IMPLEMENTED, "No Access-Control-Allow-Origin for the foreign Origin "
                    + SiteEvidence.FOREIGN_ORIGIN + ".", "");
        }
        String acao = joined(origins).trim();
        String shown = "Access-Control-Allow-Origin " + quote(acao)
                + (credentials ? " with Access-Control-Allow-Credentials: true" : "");
        if (acao.equalsIgnoreCase(SiteEvidence.FOREIGN_ORIGIN) || acao.equalsIgnoreCase("null")) {
            if (credentials) {
                return finding(Verdict.FAIL, UNIVERSAL, shown + " in answer to the foreign Origin "
                        + SiteEvidence.FOREIGN_ORIGIN + ": any site can read this page with the visitor's cookies.",
                        "Allow only a fixed list of trusted origins instead of echoing the Origin header.");
            }
            return finding(Verdict.WARN, REFLECTED, shown + " echoes the foreign Origin "
                    + SiteEvidence.FOREIGN_ORIGIN + " (no credentials, so only public data is exposed).",
                    "Allow only a fixed list of trusted origins, or * for truly public content.");
        }
        if (acao.equals("*")) {
            return finding(Verdict.INFO, PUBLIC, shown + ": public content"
                    + (credentials ? "; browsers ignore credentials with *, so cookies are not exposed." : "."), "");
        }
        return finding(Verdict.PASS, RESTRICTED, shown + ": restricted to a specific origin.", "");
    }
}
