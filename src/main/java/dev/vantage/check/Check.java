package dev.vantage.check;

import dev.vantage.probe.ProbeKind;
import dev.vantage.probe.SiteEvidence;

import java.util.Set;

/**
 * One item of the checklist, graded from evidence. Implementations are pure: no I/O, no clock, no state, so they
 * can be unit-tested on recorded evidence.
 */
public interface Check {

    /** Stable id, {@code area.name} (e.g. {@code security.hsts}). */
    String id();

    Area area();

    /** Short human title ("Strict-Transport-Security"). */
    String title();

    /** Every {@link Finding#result()} this check can return; the scoring table must price each one. */
    Set<String> results();

    /**
     * The probes whose evidence this check reads. A plan sends a probe only when an enabled check needs it, and a
     * check is evaluated only on a run that sent everything it needs (the page alone, by default).
     */
    default Set<ProbeKind> needs() {
        return Set.of(ProbeKind.PAGE);
    }

    /** Evaluates the evidence; never throws for odd evidence, it returns a finding saying what was odd. */
    Finding evaluate(SiteEvidence evidence);

    /** Convenience for implementations. */
    default Finding finding(Verdict verdict, String result, String observed, String remediation) {
        return new Finding(id(), area(), title(), verdict, result, observed, remediation);
    }
}
