package dev.vantage.report;

import dev.vantage.check.Finding;
import dev.vantage.probe.RunKind;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The newest evidence of one run kind of a target, as a report composes it and the store keeps it: when it was
 * taken, the findings of the checks that read that kind's probes, and the report section it produced (the TLS
 * section of an audit, the load section of a load run) as rendered JSON, so a later pulse can show it unchanged.
 *
 * @param watch what a pulse saw of the things whose change triggers an audit (a hash), empty for other kinds
 */
public record EvidenceState(RunKind kind, Instant takenAt, List<Finding> findings, Optional<String> section,
                            Optional<String> watch) {

    public EvidenceState {
        findings = List.copyOf(findings);
    }
}
