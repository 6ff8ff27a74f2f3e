package dev.vantage.check.load;

import dev.vantage.check.Check;
import dev.vantage.probe.SiteEvidence;
import dev.vantage.probe.load.LoadEvidence;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The load checks, in report order, for the lead to add to the registry (docs/load.md lists their results). */
public final class LoadChecks {

    private LoadChecks() {
    }

    /** The checks reading the load evidence through {@code loadOf}, e.g. {@code SiteEvidence::load} once wired. */
    public static List<Check> all(Function<SiteEvidence, Optional<LoadEvidence>> loadOf) {
        return List.of(new LoadCheck(loadOf), new LoadDegradationCheck(loadOf));
    }

    /**
     * The checks before {@link SiteEvidence} carries load evidence: both report not-applicable. Lets the registry
     * and scoring table list the results now; replace with {@code all(SiteEvidence::load)} when the field exists.
     */
    public static List<Check> all() {
        return all(evidence -> Optional.empty());
    }
}
