package dev.vantage.dataset;

/**
 * A check that judges evidence with a dataset: the pipeline asks the checks it ran which data they used, so a report
 * names the datasets and dates that produced it without another wire from configuration to report.
 */
public interface DatasetUser {

    DatasetInfo dataset();
}
