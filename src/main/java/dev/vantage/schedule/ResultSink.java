package dev.vantage.schedule;

import dev.vantage.report.Report;

import dev.vantage.config.TargetSpec;

/** Consumes stored results (metrics, later notifications); called on an event loop, so it must not block. */
public interface ResultSink {

    void accept(TargetSpec target, Report report);

    /** The target was deleted: forget everything about it. */
    default void forget(String targetName) {
    }
}
