package dev.vantage.schedule;

import dev.vantage.metrics.ProbeSummary;
import dev.vantage.report.Report;

import java.util.Optional;

/** A report with the transport summary the {@code probe_*} metrics need, when the assessor can give one. */
public record Assessment(Report report, Optional<ProbeSummary> summary) {
}
