package dev.vantage.report;

import dev.vantage.check.Finding;
import dev.vantage.check.Verdict;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * The report as JUnit XML, for CI systems that display test results: one {@code <testsuite>}, one
 * {@code <testcase>} per finding (classname = area id, name = check id). Failures and errors fail, warnings pass
 * with their details in {@code <system-out>}, not-applicable findings are skipped. The mapping is documented in
 * docs/report-format.md.
 */
public final class JunitReportRenderer implements ReportRenderer {

    /** The test case added when the target could not be reached, so a CI run cannot go green by skipping all. */
    public static final String REACHABLE_TEST = "vantage.reachable";

    // The Ant JUnit schema's timestamp has no zone: it is written in UTC.
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ISO_LOCAL_DATE_TIME.withZone(ZoneOffset.UTC);

    @Override
    public String render(Report report) {
        long failures = report.findings().stream().filter(s -> fails(s.finding().verdict())).count()
                + (report.unreachable().isPresent() ? 1 : 0);
        long skipped = report.findings().stream()
                .filter(s -> s.finding().verdict() == Verdict.NOT_APPLICABLE).count();
        int tests = report.findings().size() + (report.unreachable().isPresent() ? 1 : 0);

        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append("<testsuite name=\"").append(XmlText.attribute("vantage: " + report.target())).append('"')
                .append(" tests=\"").append(tests).append('"')
                .append(" failures=\"").append(failures).append('"')
                .append(" errors=\"0\"")
                .append(" skipped=\"").append(skipped).append('"')
                .append(" time=\"").append(seconds(report.took().toMillis())).append('"')
                .append(" timestamp=\"").append(TIMESTAMP.format(report.startedAt().truncatedTo(ChronoUnit.SECONDS)))
                .append("\">\n");
        xml.append("  <properties>\n");
        property(xml, "grade", report.grade().letter());
        property(xml, "score", Integer.toString(report.score()));
        property(xml, "scoringVersion", report.scoringVersion());
        report.datasets().forEach(d -> property(xml, "dataset." + d.kind(), d.describe(report.startedAt())));
        xml.append("  </properties>\n");
        report.unreachable().ifPresent(f -> {
            xml.append("  <testcase classname=\"vantage\" name=\"").append(REACHABLE_TEST).append("\">\n");
            xml.append("    <failure message=\"").append(XmlText.attribute(f.describe()))
                    .append("\" type=\"unreachable\"/>\n");
            xml.append("  </testcase>\n");
        });
        report.findings().forEach(s -> testcase(xml, s.finding()));
        xml.append("</testsuite>\n");
        return xml.toString();
    }

    private static void testcase(StringBuilder xml, Finding f) {
        xml.append("  <testcase classname=\"").append(XmlText.attribute(f.area().id()))
                .append("\" name=\"").append(XmlText.attribute(f.checkId())).append("\"");
        switch (f.verdict()) {
            case FAIL, ERROR -> xml.append(">\n    <failure message=\"").append(XmlText.attribute(f.observed()))
                    .append("\" type=\"").append(f.verdict().id()).append("\">")
                    .append(XmlText.content(f.remediation())).append("</failure>\n  </testcase>\n");
            case WARN, INFO -> xml.append(">\n    <system-out>").append(XmlText.content(output(f)))
                    .append("</system-out>\n  </testcase>\n");
            case NOT_APPLICABLE -> xml.append(">\n    <skipped message=\"").append(XmlText.attribute(f.observed()))
                    .append("\"/>\n  </testcase>\n");
            case PASS -> xml.append("/>\n");
        }
    }

    private static String output(Finding f) {
        String text = f.verdict().id() + ": " + f.title() + "\nobserved: " + f.observed();
        return f.remediation() == null || f.remediation().isBlank() ? text : text + "\nfix: " + f.remediation();
    }

    private static boolean fails(Verdict v) {
        return v == Verdict.FAIL || v == Verdict.ERROR;
    }

    private static void property(StringBuilder xml, String name, String value) {
        xml.append("    <property name=\"").append(name).append("\" value=\"").append(XmlText.attribute(value))
                .append("\"/>\n");
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%d.%03d", millis / 1000, millis % 1000);
    }
}
