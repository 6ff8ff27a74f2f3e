package dev.vantage.plan;

import dev.vantage.check.CheckSelection;
import dev.vantage.check.Checks;
import dev.vantage.probe.ProbeKind;
import dev.vantage.probe.RunKind;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RunPlannerTest {

    @Test
    void aPulseSendsThePageOnly() {
        assertThat(RunPlanner.probes(RunKind.PULSE, CheckSelection.ALL, Checks.all(), false))
                .containsExactly(ProbeKind.PAGE);
    }

    @Test
    void anAuditSendsEveryAuditProbeAnEnabledCheckReads() {
        assertThat(RunPlanner.probes(RunKind.AUDIT, CheckSelection.ALL, Checks.all(), true))
                .isEqualTo(EnumSet.of(ProbeKind.PAGE, ProbeKind.HTTP_UPGRADE, ProbeKind.CORS,
                        ProbeKind.TLS_INSPECTION, ProbeKind.EXPOSURE, ProbeKind.BROWSER, ProbeKind.RATE_LIMIT));
        assertThat(RunPlanner.probes(RunKind.AUDIT, CheckSelection.ALL, Checks.all(), false))
                .as("without a load block the silent load probe lets the load checks say 'not configured'")
                .contains(ProbeKind.LOAD);
    }

    @Test
    void checkSelectionSelectsProbes() {
        CheckSelection statusOnly = new CheckSelection(List.of("reliability.page-status"), List.of());
        assertThat(RunPlanner.probes(RunKind.AUDIT, statusOnly, Checks.all(), false)).containsExactly(ProbeKind.PAGE);
        CheckSelection tlsOnly = new CheckSelection(List.of("tls."), List.of());
        assertThat(RunPlanner.probes(RunKind.AUDIT, tlsOnly, Checks.all(), false))
                .containsExactlyInAnyOrder(ProbeKind.PAGE, ProbeKind.TLS_INSPECTION);
    }
}
