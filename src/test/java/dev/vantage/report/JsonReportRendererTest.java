package dev.vantage.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vantage.check.Area;
import dev.vantage.check.Verdict;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JsonReportRendererTest {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final JsonReportRenderer RENDERER = new JsonReportRenderer("9.9.9-test");

    static JsonNode parse(Report report) throws Exception {
        return MAPPER.readTree(RENDERER.render(report));
    }

    @Test
    void topLevelFieldsComeInTheDocumentedOrder() throws Exception {
        List<String> keys = new ArrayList<>();
        parse(SampleReports.mixed()).fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("target", "grade", "score", "scoringVersion", "vantageVersion", "startedAt",
                "durationMs", "unreachable", "capsApplied", "areas", "findings", "probe", "tls", "load", "idleLatency",
                "evidence", "warnings", "datasets");
    }

    @Test
    void summaryFieldsCarryTheReport() throws Exception {
        JsonNode json = parse(SampleReports.mixed());
        assertThat(json.get("target").asText()).isEqualTo("https://site.test:8443/app");
        assertThat(json.get("grade").asText()).isEqualTo("C");
        assertThat(json.get("score").asInt()).isEqualTo(55);
        assertThat(json.get("scoringVersion").asText()).isEqualTo("2026.1");
        assertThat(json.get("vantageVersion").asText()).isEqualTo("9.9.9-test");
        assertThat(json.get("startedAt").asText()).isEqualTo("2026-11-25T12:00:00.250Z");
        assertThat(json.get("durationMs").asLong()).isEqualTo(1234);
        assertThat(json.get("unreachable").isNull()).isTrue();
        assertThat(json.get("capsApplied")).extracting(JsonNode::asText)
                .containsExactly("security.certificate: certificate expired caps the grade at C");
    }

    @Test
    void areasHaveIdTitleStatusGradeAndScore() throws Exception {
        JsonNode areas = parse(SampleReports.mixed()).get("areas");
        assertThat(areas).hasSize(Area.values().length);
        JsonNode security = areas.get(0);
        assertThat(security.get("name").asText()).isEqualTo("security");
        assertThat(security.get("title").asText()).isEqualTo("Security");
        assertThat(security.get("status").asText()).isEqualTo("graded");
        assertThat(security.get("grade").asText()).isEqualTo("C");
        assertThat(security.get("score").asInt()).isEqualTo(55);
        JsonNode reliability = areas.get(1);
        assertThat(reliability.get("grade").asText()).isEqualTo("A+");
        JsonNode performance = areas.get(2);
        assertThat(performance.get("status").asText()).isEqualTo("not-measured");
        assertThat(performance.get("grade").isNull()).isTrue();
        assertThat(performance.get("score").isNull()).isTrue();
        JsonNode data = areas.get(4);
        assertThat(data.get("name").asText()).isEqualTo("data_and_recovery");
        assertThat(data.get("status").asText()).isEqualTo("not-graded-from-outside");
    }

    @Test
    void findingsKeepTheirOrderAndEveryField() throws Exception {
        JsonNode findings = parse(SampleReports.mixed()).get("findings");
        assertThat(findings).extracting(f -> f.get("id").asText()).containsExactly("security.csp", "security.hsts",
                "security.cors", "security.referrer-policy", "security.x-content-type-options", "reliability.trace",
                "performance.compression", "security.cookies");
        JsonNode csp = findings.get(0);
        List<String> keys = new ArrayList<>();
        csp.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("id", "area", "title", "verdict", "result", "modifier", "observed",
                "remediation");
        assertThat(csp.get("area").asText()).isEqualTo("security");
        assertThat(csp.get("title").asText()).isEqualTo("Title of security.csp");
        assertThat(csp.get("verdict").asText()).isEqualTo("fail");
        assertThat(csp.get("result").asText()).isEqualTo("csp-not-implemented");
        assertThat(csp.get("modifier").asInt()).isEqualTo(-25);
        assertThat(csp.get("observed").asText()).startsWith("no Content-Security-Policy header");
        assertThat(csp.get("remediation").asText()).startsWith("Send a Content-Security-Policy");
        assertThat(findings.get(7).get("verdict").asText()).isEqualTo("not-applicable");
    }

    @Test
    void unreachableCarriesKindAndMessage() throws Exception {
        JsonNode json = parse(SampleReports.unreachable());
        assertThat(json.get("grade").asText()).isEqualTo("F");
        assertThat(json.get("unreachable").get("kind").asText()).isEqualTo("tls-handshake");
        assertThat(json.get("unreachable").get("message").asText()).contains("protocol_version");
        assertThat(json.get("findings")).isEmpty();
    }

    @Test
    void hostileTextSurvivesTheRoundTripExactly() throws Exception {
        Report report = SampleReports.withFindings(List.of(SampleReports.scored("security.server-banner",
                Area.SECURITY, Verdict.WARN, "banner", -5, SampleReports.HOSTILE, "fix \"it\"\n")));
        JsonNode finding = parse(report).get("findings").get(0);
        assertThat(finding.get("observed").asText()).isEqualTo(SampleReports.HOSTILE);
        assertThat(finding.get("remediation").asText()).isEqualTo("fix \"it\"\n");
    }

    @Test
    void outputIsPrettyPrintedWithUnixNewlinesAndStable() {
        String json = RENDERER.render(SampleReports.mixed());
        assertThat(json).startsWith("{\n  \"target\": \"https://site.test:8443/app\",\n  \"grade\": \"C\",\n");
        assertThat(json).doesNotContain("\r").endsWith("}\n");
        assertThat(RENDERER.render(SampleReports.mixed())).isEqualTo(json);
    }
}
