package dev.vantage.pipeline;

import dev.vantage.check.CheckSelection;
import dev.vantage.probe.ProbeOptions;
import dev.vantage.report.Report;
import io.vertx.core.Future;

import java.net.URI;

/**
 * Probes a site, checks the evidence and grades it: the whole pipeline behind one call, shared by the one-shot
 * {@code check} command and the service's scheduled jobs. The future never fails for anything the target does.
 */
public interface SiteAssessor {

    Future<Report> assess(URI target, ProbeOptions options);

    /** Assesses with only the selected checks graded; assessors that cannot select run them all. */
    default Future<Report> assess(URI target, ProbeOptions options, CheckSelection checks) {
        return assess(target, options);
    }
}
