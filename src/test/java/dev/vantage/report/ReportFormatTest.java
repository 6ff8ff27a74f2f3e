package dev.vantage.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReportFormatTest {

    @Test
    void parsesNamesInAnyCase() {
        assertThat(ReportFormat.parse("JSON")).contains(ReportFormat.JSON);
        assertThat(ReportFormat.parse(" junit ")).contains(ReportFormat.JUNIT);
        assertThat(ReportFormat.parse("text")).contains(ReportFormat.TEXT);
        assertThat(ReportFormat.parse("sarif")).isEmpty();
        assertThat(ReportFormat.parse(null)).isEmpty();
    }

    @Test
    void eachFormatHasItsRenderer() {
        assertThat(ReportFormat.TEXT.renderer(false)).isInstanceOf(TextReportRenderer.class);
        assertThat(ReportFormat.JSON.renderer(true)).isInstanceOf(JsonReportRenderer.class);
        assertThat(ReportFormat.JUNIT.renderer(true)).isInstanceOf(JunitReportRenderer.class);
    }

    @Test
    void colourReachesTheTextRendererOnly() {
        Report report = SampleReports.mixed();
        assertThat(ReportFormat.TEXT.renderer(true).render(report)).contains("\u001B[");
        assertThat(ReportFormat.TEXT.renderer(false).render(report)).doesNotContain("\u001B[");
        assertThat(ReportFormat.JSON.renderer(true).render(report)).doesNotContain("\u001B[");
    }

    @Test
    void choicesListEveryFormatForErrorMessages() {
        assertThat(ReportFormat.choices()).isEqualTo("text, json, junit");
    }
}
