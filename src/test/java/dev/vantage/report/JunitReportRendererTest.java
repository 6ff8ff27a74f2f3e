package dev.vantage.report;

import dev.vantage.check.Area;
import dev.vantage.check.Verdict;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JunitReportRendererTest {

    static final JunitReportRenderer RENDERER = new JunitReportRenderer();

    static Document parse(Report report) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder()
                .parse(new ByteArrayInputStream(RENDERER.render(report).getBytes(StandardCharsets.UTF_8)));
    }

    static List<Element> elements(Element parent, String tag) {
        NodeList list = parent.getElementsByTagName(tag);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            out.add((Element) list.item(i));
        }
        return out;
    }

    static Element testcase(Document doc, String name) {
        return elements(doc.getDocumentElement(), "testcase").stream()
                .filter(e -> e.getAttribute("name").equals(name)).findFirst().orElseThrow();
    }

    @Nested
    class Suite {

        @Test
        void oneSuiteNamedAfterTheTargetWithCounts() throws Exception {
            Element suite = parse(SampleReports.mixed()).getDocumentElement();
            assertThat(suite.getTagName()).isEqualTo("testsuite");
            assertThat(suite.getAttribute("name")).isEqualTo("vantage: https://site.test:8443/app");
            assertThat(suite.getAttribute("tests")).isEqualTo("8");
            assertThat(suite.getAttribute("failures")).isEqualTo("3");
            assertThat(suite.getAttribute("errors")).isEqualTo("0");
            assertThat(suite.getAttribute("skipped")).isEqualTo("1");
            assertThat(suite.getAttribute("time")).isEqualTo("1.234");
            assertThat(suite.getAttribute("timestamp")).isEqualTo("2026-11-25T12:00:00");
        }

        @Test
        void propertiesCarryGradeScoreAndScoringVersion() throws Exception {
            Element suite = parse(SampleReports.mixed()).getDocumentElement();
            assertThat(elements(suite, "property"))
                    .extracting(p -> p.getAttribute("name") + "=" + p.getAttribute("value"))
                    .containsExactly("grade=C", "score=55", "scoringVersion=2026.1");
        }

        @Test
        void everyFindingIsATestcaseNamedByCheckAndClassedByArea() throws Exception {
            Document doc = parse(SampleReports.mixed());
            assertThat(elements(doc.getDocumentElement(), "testcase"))
                    .extracting(e -> e.getAttribute("classname") + "/" + e.getAttribute("name"))
                    .containsExactly("security/security.csp", "security/security.hsts", "security/security.cors",
                            "security/security.referrer-policy", "security/security.x-content-type-options",
                            "reliability/reliability.trace", "performance/performance.compression",
                            "security/security.cookies");
        }
    }

    @Nested
    class Verdicts {

        @Test
        void failAndErrorBecomeFailuresWithObservedAsMessageAndRemediationAsBody() throws Exception {
            Document doc = parse(SampleReports.mixed());
            Element failure = elements(testcase(doc, "security.csp"), "failure").get(0);
            assertThat(failure.getAttribute("message"))
                    .isEqualTo("no Content-Security-Policy header on https://site.test:8443/app");
            assertThat(failure.getAttribute("type")).isEqualTo("fail");
            assertThat(failure.getTextContent()).startsWith("Send a Content-Security-Policy with default-src 'none'");
            assertThat(elements(testcase(doc, "security.cors"), "failure").get(0).getAttribute("type"))
                    .isEqualTo("error");
        }

        @Test
        void warningsPassWithTheirDetailsInSystemOut() throws Exception {
            Element warn = testcase(parse(SampleReports.mixed()), "security.referrer-policy");
            assertThat(elements(warn, "failure")).isEmpty();
            assertThat(elements(warn, "system-out").get(0).getTextContent())
                    .contains("observed: Referrer-Policy: unsafe-url")
                    .contains("fix: Use strict-origin-when-cross-origin or stricter.");
        }

        @Test
        void passesAreEmptyTestcases() throws Exception {
            Element pass = testcase(parse(SampleReports.mixed()), "reliability.trace");
            assertThat(pass.getChildNodes().getLength()).isZero();
        }

        @Test
        void notApplicableIsSkipped() throws Exception {
            Element na = testcase(parse(SampleReports.mixed()), "security.cookies");
            assertThat(elements(na, "skipped")).hasSize(1);
            assertThat(elements(na, "failure")).isEmpty();
        }

        @Test
        void anUnreachableTargetFailsADedicatedTestcase() throws Exception {
            Document doc = parse(SampleReports.unreachable());
            assertThat(doc.getDocumentElement().getAttribute("failures")).isEqualTo("1");
            Element failure = elements(testcase(doc, JunitReportRenderer.REACHABLE_TEST), "failure").get(0);
            assertThat(failure.getAttribute("message")).startsWith("tls handshake: handshake failed");
        }
    }

    @Nested
    class Escaping {

        @Test
        void hostileTextParsesBackWithMarkupIntactAndControlsMadeVisible() throws Exception {
            String remediation = "close it ]]> & <b>\"now\"</b>\u0001";
            Report report = SampleReports.withFindings(List.of(SampleReports.scored("security.<id>&\"", Area.SECURITY,
                    Verdict.FAIL, "banner", -5, SampleReports.HOSTILE, remediation)));
            Document doc = parse(report);
            Element testcase = elements(doc.getDocumentElement(), "testcase").get(0);
            assertThat(testcase.getAttribute("name")).isEqualTo("security.<id>&\"");
            Element failure = elements(testcase, "failure").get(0);
            assertThat(failure.getAttribute("message")).isEqualTo(
                    "<script>alert(\"x\")</script> & 'q' ]]> \\u001B[31mred\\u0000\\u0007 \u202Eevil");
            assertThat(failure.getTextContent()).isEqualTo("close it ]]> & <b>\"now\"</b>\\u0001");
        }

        @Test
        void lineBreaksInAttributesSurviveParsing() throws Exception {
            Report report = SampleReports.withFindings(List.of(SampleReports.scored("security.x", Area.SECURITY,
                    Verdict.FAIL, "r", 0, "line one\nline two\ttabbed", "")));
            Element failure = elements(parse(report).getDocumentElement(), "failure").get(0);
            assertThat(failure.getAttribute("message")).isEqualTo("line one\nline two\ttabbed");
        }

        @Test
        void surrogatePairsAreKeptAndLoneSurrogatesEscaped() throws Exception {
            Report report = SampleReports.withFindings(List.of(SampleReports.scored("security.x", Area.SECURITY,
                    Verdict.FAIL, "r", 0, "emoji \uD83D\uDE00 lone \uD800 end", "")));
            Element failure = elements(parse(report).getDocumentElement(), "failure").get(0);
            assertThat(failure.getAttribute("message")).isEqualTo("emoji \uD83D\uDE00 lone \\uD800 end");
        }
    }
}
