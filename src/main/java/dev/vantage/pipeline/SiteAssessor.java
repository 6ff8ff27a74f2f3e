package dev.vantage.pipeline;

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
}
