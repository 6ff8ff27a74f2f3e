package dev.vantage.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the console shows of one composed report (the JSON of {@code GET /api/targets/{name}/report}, see
 * docs/report-format.md): the same content as the text report card, failing checks first. Every string here may
 * come from a hostile site; the templates escape it.
 *
 * @param unreachable why the target did not answer, empty when it did
 * @param certExpiry  the earliest {@code notAfter} of the chain the page was served with; empty over plain HTTP
 */
public record ReportCard(String target, String grade, int score, Instant startedAt, Optional<String> unreachable,
                         List<String> caps, List<Area> areas, List<Finding> failing, List<Finding> rest,
                         List<Evidence> evidence, List<String> warnings, Optional<Instant> certExpiry) {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The verdicts the text report lists first, with what was observed and how to fix it. */
    private static final Set<String> FAILING = Set.of("fail", "error");

    /** One checklist area; {@code grade} empty when the area was not graded (its status says why). */
    public record Area(String title, String status, Optional<String> grade) {
    }

    /** One check's outcome. */
    public record Finding(String id, String title, String verdict, String observed, String remediation) {
    }

    /** When one kind of run (pulse, audit, load) last gave evidence; {@code at} empty when it never ran. */
    public record Evidence(String kind, Optional<Instant> at, boolean fresh) {
    }

    public boolean up() {
        return unreachable.isEmpty();
    }

    /** Reads a stored report; a report the service wrote itself, so malformed JSON is an internal error. */
    public static ReportCard parse(String json) {
        JsonNode r;
        try {
            r = JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored report is not valid JSON", e);
        }
        List<Area> areas = new ArrayList<>();
        r.path("areas").forEach(a -> areas.add(new Area(a.path("title").asText(), a.path("status").asText(),
                text(a.path("grade")))));
        List<Finding> failing = new ArrayList<>();
        List<Finding> rest = new ArrayList<>();
        // The JSON lists findings worst first already; only the split into two lists is the console's.
        r.path("findings").forEach(f -> {
            Finding finding = new Finding(f.path("id").asText(), f.path("title").asText(), f.path("verdict").asText(),
                    f.path("observed").asText(), f.path("remediation").asText());
            (FAILING.contains(finding.verdict()) ? failing : rest).add(finding);
        });
        List<Evidence> evidence = new ArrayList<>();
        for (String kind : List.of("pulse", "audit", "load")) {
            JsonNode e = r.path("evidence").path(kind);
            evidence.add(new Evidence(kind, text(e.path("at")).map(Instant::parse), e.path("fresh").asBoolean()));
        }
        JsonNode unreachable = r.path("unreachable");
        return new ReportCard(r.path("target").asText(), r.path("grade").asText(), r.path("score").asInt(),
                Instant.parse(r.path("startedAt").asText()),
                unreachable.isObject() ? Optional.of(unreachable.path("message").asText()) : Optional.empty(),
                strings(r.path("capsApplied")), areas, failing, rest, evidence, strings(r.path("warnings")),
                text(r.path("probe").path("earliestCertExpiry")).map(Instant::parse));
    }

    private static Optional<String> text(JsonNode n) {
        return n.isTextual() ? Optional.of(n.asText()) : Optional.empty();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
