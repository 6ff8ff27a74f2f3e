package dev.vantage.report;

import dev.vantage.dataset.DatasetInfo;
import dev.vantage.grade.ScoredFinding;
import dev.vantage.grade.AreaReport;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vantage.Version;
import dev.vantage.check.Finding;
import dev.vantage.probe.ProbeFailure;
import dev.vantage.probe.RunKind;

import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * The report as pretty-printed JSON for machines (CI gates, the service API). The shape and its key order are a
 * public contract documented in docs/report-format.md: add fields, never rename or reorder them.
 */
public final class JsonReportRenderer implements ReportRenderer {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectWriter WRITER = MAPPER.writer(prettyPrinter());

    private final String vantageVersion;

    /** Stamps reports with the version of this build. */
    public JsonReportRenderer() {
        this(Version.current());
    }

    public JsonReportRenderer(String vantageVersion) {
        this.vantageVersion = vantageVersion;
    }

    @Override
    public String render(Report report) {
        try {
            return WRITER.writeValueAsString(toJson(report)) + "\n";
        } catch (JsonProcessingException e) {
            // A tree of strings and numbers always serialises; reaching this is a bug, not a user error.
            throw new UncheckedIOException("could not write the report as JSON", e);
        }
    }

    /**
     * A stored report with {@code evidence.pulse.at} moved to {@code newestPulse}: the service stores a report only
     * when a pulse changes something, and the pulses since (packed, unchanged) make the pulse evidence that recent.
     * A report without pulse evidence, or whose pulse is as new, is returned as it was.
     */
    public static String withPulseAt(String json, java.time.Instant newestPulse) {
        try {
            JsonNode root = MAPPER.readTree(json);
            JsonNode pulse = root.path("evidence").path(RunKind.PULSE.id());
            if (!pulse.isObject() || !pulse.path("at").isTextual()
                    || !java.time.Instant.parse(pulse.get("at").asText()).isBefore(newestPulse)) {
                return json;
            }
            ((ObjectNode) pulse).put("at", newestPulse.toString());
            return WRITER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException | java.time.format.DateTimeParseException e) {
            return json;
        }
    }

    /** The report as a JSON tree, for callers that embed it in a larger document. */
    public ObjectNode toJson(Report report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("target", report.target().toString());
        root.put("grade", report.grade().letter());
        root.put("score", report.score());
        root.put("scoringVersion", report.scoringVersion());
        root.put("vantageVersion", vantageVersion);
        root.put("startedAt", report.startedAt().toString());
        root.put("durationMs", report.took().toMillis());
        if (report.unreachable().isPresent()) {
            ProbeFailure failure = report.unreachable().get();
            ObjectNode unreachable = root.putObject("unreachable");
            unreachable.put("kind", enumId(failure.kind()));
            unreachable.put("message", failure.message());
        } else {
            root.putNull("unreachable");
        }
        ArrayNode caps = root.putArray("capsApplied");
        report.capsApplied().forEach(caps::add);
        ArrayNode areas = root.putArray("areas");
        report.areas().forEach(a -> area(areas.addObject(), a));
        ArrayNode findings = root.putArray("findings");
        report.findings().forEach(f -> finding(findings.addObject(), f));
        TransportJson.probe(root.putObject("probe"), report.probe());
        Composition composition = report.composition();
        if (report.tls().isPresent()) {
            TransportJson.tls(root.putObject("tls"), report.tls().get());
        } else {
            root.set("tls", carried(composition, RunKind.AUDIT));
        }
        if (report.load().isPresent()) {
            LoadJson.load(root.putObject("load"), report.load().get());
        } else {
            root.set("load", carried(composition, RunKind.LOAD));
        }
        if (report.idleLatency().isPresent()) {
            LoadJson.idle(root.putObject("idleLatency"), report.idleLatency().get());
        } else {
            root.putNull("idleLatency");
        }
        evidence(root, report);
        datasets(root.putArray("datasets"), report);
        return root;
    }

    /** Which data judged software versions, and whether it is too old to trust (docs/datasets.md). */
    private static void datasets(ArrayNode out, Report report) {
        for (DatasetInfo d : report.datasets()) {
            ObjectNode node = out.addObject();
            node.put("kind", d.kind());
            node.put("name", d.name());
            node.put("date", d.date().toString());
            node.put("ageDays", d.ageDays(report.startedAt()));
            node.put("stale", d.stale(report.startedAt()));
        }
    }

    /** The section an earlier run of {@code kind} produced, as stored; JSON null when there is none. */
    private static JsonNode carried(Composition composition, RunKind kind) {
        return composition.state(kind).flatMap(EvidenceState::section).flatMap(ReportSections::parse)
                .orElse(NullNode.getInstance());
    }

    /**
     * When each kind's evidence was taken and how old it is at this report's start (service mode); a self-contained
     * run (the one-shot {@code check}) took all of it at once.
     */
    private static void evidence(ObjectNode root, Report report) {
        ObjectNode evidence = root.putObject("evidence");
        Composition c = report.composition();
        for (RunKind kind : RunKind.values()) {
            boolean selfContained = c == Composition.NONE && (kind != RunKind.LOAD || report.load().isPresent());
            java.util.Optional<java.time.Instant> at = selfContained ? java.util.Optional.of(report.startedAt())
                    : c.state(kind).map(EvidenceState::takenAt);
            if (at.isEmpty()) {
                evidence.putNull(kind.id());
                continue;
            }
            ObjectNode k = evidence.putObject(kind.id());
            k.put("at", at.get().toString());
            k.put("ageSeconds", Math.max(0, java.time.Duration.between(at.get(), report.startedAt()).toSeconds()));
            k.put("fresh", c == Composition.NONE || c.fresh().contains(kind));
        }
        ArrayNode warnings = root.putArray("warnings");
        c.warnings().forEach(warnings::add);
    }

    private static void area(ObjectNode node, AreaReport area) {
        node.put("name", area.area().id());
        node.put("title", area.area().title());
        node.put("status", enumId(area.status()));
        if (area.grade().isPresent()) {
            node.put("grade", area.grade().get().letter());
        } else {
            node.putNull("grade");
        }
        if (area.score().isPresent()) {
            node.put("score", area.score().get());
        } else {
            node.putNull("score");
        }
    }

    private static void finding(ObjectNode node, ScoredFinding scored) {
        Finding f = scored.finding();
        node.put("id", f.checkId());
        node.put("area", f.area().id());
        node.put("title", f.title());
        node.put("verdict", f.verdict().id());
        node.put("result", f.result());
        node.put("modifier", scored.modifier());
        node.put("observed", f.observed());
        node.put("remediation", f.remediation());
    }

    /** Enum values in JSON look like verdicts do: lower case, hyphenated ({@code not-graded-from-outside}). */
    static String enumId(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static DefaultPrettyPrinter prettyPrinter() {
        // "key": value with Unix newlines whatever the platform, so output is byte-identical everywhere.
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER));
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        printer.indentObjectsWith(indenter);
        printer.indentArraysWith(indenter);
        return printer;
    }
}
