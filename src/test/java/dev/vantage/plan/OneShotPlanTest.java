package dev.vantage.plan;

import dev.vantage.check.Checks;
import dev.vantage.config.Schedule;
import dev.vantage.config.TargetSpec;
import dev.vantage.config.VantageConfig;
import dev.vantage.config.Secrets;
import dev.vantage.probe.AddressPolicy;
import dev.vantage.probe.ProbeKind;
import dev.vantage.probe.RunKind;
import dev.vantage.probe.RunPlan;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The one-shot plan from {@code check}'s settings, and what {@code validate}'s budget counts of the browser. */
class OneShotPlanTest {

    private static final URI SITE = URI.create("https://shop.example/");

    private static TargetSpec flags(List<String> enable) {
        return TargetSpec.commandLine(SITE, enable, List.of(), Duration.ofSeconds(20), Map.of("X-Probe", "${NOT_A_REF}"),
                Optional.empty(), Map.of("shop.example:443", "127.0.0.1"), 8080, Optional.empty());
    }

    private static OneShot run(boolean browser) {
        return new OneShot(AddressPolicy.ONE_SHOT, Optional.of("probe/1"), 4096, Optional.empty(), browser);
    }

    @Test
    void aOneShotCheckIsAPulsePlusAnAuditWithoutTheBrowserUnlessAskedFor() {
        RunPlanner planner = RunPlanner.forCommandLine(Checks.all());

        RunPlan plain = planner.oneShot(flags(List.of()), run(false));
        RunPlan browser = planner.oneShot(flags(List.of()), run(true));

        assertThat(plain.kind()).isEqualTo(RunKind.AUDIT);
        assertThat(plain.probes()).isEqualTo(EnumSet.complementOf(EnumSet.of(ProbeKind.BROWSER)));
        assertThat(browser.probes()).isEqualTo(EnumSet.allOf(ProbeKind.class));
    }

    @Test
    void theFlagsReachTheOptionsAsWrittenAndHeaderValuesAreNeverResolved() {
        RunPlan plan = RunPlanner.forCommandLine(Checks.all()).oneShot(flags(List.of()), run(false));

        assertThat(plan.options().timeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(plan.options().httpPort()).isEqualTo(8080);
        assertThat(plan.options().resolve()).containsEntry("shop.example:443", "127.0.0.1");
        assertThat(plan.options().addressPolicy()).isEqualTo(AddressPolicy.ONE_SHOT);
        assertThat(plan.options().userAgent()).isEqualTo("probe/1");
        assertThat(plan.options().maxBodyBytes()).isEqualTo(4096);
        assertThat(plan.options().extraHeaders().first("X-Probe")).contains("${NOT_A_REF}");
    }

    @Test
    void checkSelectionSelectsTheOneShotProbesToo() {
        RunPlan plan = RunPlanner.forCommandLine(Checks.all()).oneShot(flags(List.of("reliability.page-status")),
                run(true));

        assertThat(plan.probes()).containsExactly(ProbeKind.PAGE);
    }

    @Test
    void validatesBudgetCountsTheBrowserPageLoadsWhenABrowserCheckIsSelected() {
        TargetSpec all = TargetSpec.of("shop", SITE, Schedule.every(Duration.ofMinutes(1)));
        TargetSpec tlsOnly = new TargetSpec("shop", SITE, Schedule.every(Duration.ofMinutes(1)), List.of("tls."),
                List.of(), Optional.empty(), Map.of(), Optional.empty(), Map.of(), Optional.empty(), Map.of(),
                Optional.empty());
        RunPlanner internal = new RunPlanner(new VantageConfig.Probing(true, true), Secrets.unresolved(),
                Checks.all());
        RunPlanner publicOnly = new RunPlanner(new VantageConfig.Probing(false, false), Secrets.unresolved(),
                Checks.all());

        assertThat(RunBudget.of(internal, all, Checks.all()).describe()).contains("+ 2 browser page loads");
        assertThat(RunBudget.of(publicOnly, all, Checks.all()).describe()).as("the proxy holds the public policy")
                .contains("+ 2 browser page loads");
        assertThat(RunBudget.of(internal, tlsOnly, Checks.all()).describe()).doesNotContain("browser");
    }
}
