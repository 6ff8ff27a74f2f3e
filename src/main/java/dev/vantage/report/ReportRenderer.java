package dev.vantage.report;

/** Turns a report into one output format (text card, JSON, JUnit XML). */
public interface ReportRenderer {

    String render(Report report);
}
