package dev.vantage.pipeline;

import dev.vantage.check.CheckSelection;
import dev.vantage.probe.ProbeOptions;
import dev.vantage.probe.RunPlan;
import dev.vantage.report.Report;
import io.vertx.core.Future;

import java.net.URI;

/**
 * Probes a site as planned, checks the evidence, composes it with what earlier runs left and grades it: the whole
 * pipeline behind one call, shared by the one-shot {@code check} command and the service's scheduled runs. The
 * future never fails for anything the target does.
 */
public interface SiteAssessor {

    Future<Report> assess(RunPlan plan, CheckSelection checks, CarriedEvidence carried);

    /**
     * Every probe but the browser audit and every check, nothing carried: a self-contained run (tests, recorded
     * evidence). {@code vantage check} plans its run from its flags instead ({@code RunPlanner.oneShot}).
     */
    default Future<Report> assess(URI target, ProbeOptions options) {
        return assess(RunPlan.everything(target, options), CheckSelection.ALL, CarriedEvidence.NONE);
    }
}
