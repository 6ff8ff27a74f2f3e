package dev.vantage.check;

import dev.vantage.probe.SiteEvidence;

import java.util.List;

/** The registry of every check Vantage runs, in report order. */
public final class Checks {

    private Checks() {
    }

    public static List<Check> all() {
        return List.of();
    }

    /** Runs every check on the evidence. */
    public static List<Finding> evaluate(SiteEvidence evidence) {
        return all().stream().map(c -> c.evaluate(evidence)).toList();
    }
}
