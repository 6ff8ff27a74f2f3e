package dev.vantage.check.tls;

import dev.vantage.check.Area;
import dev.vantage.check.Finding;
import dev.vantage.check.Verdict;
import dev.vantage.probe.tls.TlsInspection;

import java.util.Set;
import java.util.function.BiFunction;

/**
 * One pure TLS check over a {@link TlsInspection}; ids are {@code tls.*}. The lead adapts these to
 * {@link dev.vantage.check.Check} once SiteEvidence carries a TlsInspection.
 */
public record TlsCheck(String id, String title, Set<String> results, BiFunction<TlsCheck, TlsInspection, Finding> rule) {

    public TlsCheck {
        results = Set.copyOf(results);
    }

    public Area area() {
        return Area.SECURITY;
    }

    /** Evaluates; odd evidence (no TLS at all) becomes a not-applicable finding, never an exception. */
    public Finding evaluate(TlsInspection in) {
        // A certificate read from a page's own handshake (a pulse: no enumeration) is still gradable.
        boolean certificateRead = id.startsWith("tls.certificate") && in.certificate().available();
        if (!in.speaksTls() && !id.equals("tls.protocols") && !certificateRead) {
            return finding(Verdict.NOT_APPLICABLE, "no-tls", "the server accepted no TLS handshake", "");
        }
        try {
            return rule.apply(this, in);
        } catch (RuntimeException e) {
            return finding(Verdict.ERROR, "error", "could not evaluate: " + e, "");
        }
    }

    /** A finding of this check. */
    public Finding finding(Verdict verdict, String result, String observed, String remediation) {
        return new Finding(id, area(), title, verdict, result, observed, remediation);
    }
}
