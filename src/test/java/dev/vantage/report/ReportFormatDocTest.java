package dev.vantage.report;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/report-format.md shows real output: its examples are what the renderers print for the same report. */
class ReportFormatDocTest {

    static final Path DOC = Path.of("docs", "report-format.md");

    static String block(String language) throws IOException {
        String doc = Files.readString(DOC);
        String fence = "```" + language + "\n";
        int start = doc.indexOf(fence);
        assertThat(start).as("a ```%s block in %s", language, DOC).isNotNegative();
        int end = doc.indexOf("```\n", start + fence.length());
        return doc.substring(start + fence.length(), end);
    }

    @Test
    void jsonExampleIsWhatTheRendererPrints() throws IOException {
        assertThat(new JsonReportRenderer("0.1.0").render(SampleReports.documented())).isEqualTo(block("json"));
    }

    @Test
    void junitExampleIsWhatTheRendererPrints() throws IOException {
        assertThat(new JunitReportRenderer().render(SampleReports.documented())).isEqualTo(block("xml"));
    }
}
