package dev.vantage.schedule;

import dev.vantage.pipeline.SiteAssessor;
import dev.vantage.probe.ProbeOptions;
import io.vertx.core.Future;

import java.net.URI;
import java.util.Optional;

/**
 * A {@link SiteAssessor} that can also hand out the {@link dev.vantage.metrics.ProbeSummary} of its evidence. The
 * service uses it when the pipeline implements it; plain assessors still feed every metric derived from the report.
 */
public interface SummarizingAssessor extends SiteAssessor {

    Future<Assessment> assessWithSummary(URI target, ProbeOptions options);

    /** Adapts any assessor: summaries only when it implements this interface. */
    static Future<Assessment> assess(SiteAssessor assessor, URI target, ProbeOptions options) {
        if (assessor instanceof SummarizingAssessor s) {
            return s.assessWithSummary(target, options);
        }
        return assessor.assess(target, options).map(r -> new Assessment(r, Optional.empty()));
    }
}
