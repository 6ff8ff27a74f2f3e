package dev.vantage.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vantage.config.Schedule;
import dev.vantage.config.TargetParser;
import dev.vantage.config.TargetSpec;
import dev.vantage.target.Durations;
import io.vertx.core.MultiMap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The add/edit form of a target. Its fields become the same JSON tree the API reads ({@link #tree}), so the API's
 * parser judges them with the API's messages; each message is then shown next to the field it names
 * ({@link #withProblems}). Settings the form has no field for (headers, checks, load, ...) are kept from the stored
 * target on an edit.
 *
 * @param schedule an interval ({@code 60s}) or, when it holds a space, a Quartz cron expression
 * @param audit    the same for the audit cadence; blank for none
 * @param labels   one {@code key=value} a line
 * @param problems the parser's messages by field id; {@code general} for the ones no field matches
 */
public record TargetForm(String name, String url, String schedule, String audit, String timeout, String labels,
                         boolean publicStatus, Map<String, List<String>> problems) {

    /** The ids of the fields, in the order a problem list is read; also their form names and element ids. */
    static final List<String> FIELDS = List.of("name", "url", "schedule", "audit", "timeout", "labels", "public");
    static final String GENERAL = "general";
    private static final ObjectMapper JSON = new ObjectMapper();

    static TargetForm blank() {
        return new TargetForm("", "https://", "60s", "", "", "", false, Map.of());
    }

    static TargetForm of(TargetSpec spec) {
        return new TargetForm(spec.name(), spec.url().toString(), cadence(spec.schedule()),
                spec.audit().map(TargetForm::cadence).orElse(""), spec.timeout().map(Durations::format).orElse(""),
                new java.util.TreeMap<>(spec.labels()).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining("\n")),
                spec.publicStatus(), Map.of());
    }

    /** @param fixedName the target's name on an edit (targets are not renamed), whatever the form says */
    static TargetForm from(MultiMap form, Optional<String> fixedName) {
        return new TargetForm(fixedName.orElseGet(() -> text(form, "name")), text(form, "url"), text(form, "schedule"), text(form, "audit"),
                text(form, "timeout"), text(form, "labels"), form.contains("public"), Map.of());
    }

    /**
     * The API body for this form: {@code base} (the stored target on an edit, else empty) with the form's fields
     * written over it. Lines of the label box that are not {@code key=value} are added to {@code problems}.
     */
    ObjectNode tree(Optional<TargetSpec> base, List<String> problems) {
        ObjectNode o = base.map(s -> TargetParser.toJson(s, JSON)).orElseGet(JSON::createObjectNode);
        o.put("name", name);
        o.put("url", url);
        if (schedule.isEmpty()) {
            o.remove("schedule");
        } else {
            o.set("schedule", cadenceNode(schedule, "interval"));
        }
        if (audit.isEmpty()) {
            o.remove("audit");
        } else {
            o.set("audit", cadenceNode(audit, "every"));
        }
        if (timeout.isEmpty()) {
            o.remove("timeout");
        } else {
            o.put("timeout", timeout);
        }
        ObjectNode l = JSON.createObjectNode();
        for (String line : labels.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                problems.add("labels: \"" + line.strip() + "\" is not key=value");
            } else {
                l.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        if (l.isEmpty()) {
            o.remove("labels");
        } else {
            o.set("labels", l);
        }
        if (publicStatus) {
            o.put("public", true);
        } else {
            o.remove("public");
        }
        return o;
    }

    /** This form with the parser's {@code path: message} problems sorted to the fields they name. */
    TargetForm withProblems(List<String> all) {
        Map<String, List<String>> byField = new LinkedHashMap<>();
        for (String p : all) {
            String text = p.startsWith(".") ? p.substring(1) : p;
            byField.computeIfAbsent(field(text), k -> new ArrayList<>()).add(text);
        }
        return new TargetForm(name, url, schedule, audit, timeout, labels, publicStatus, byField);
    }

    public List<String> problems(String field) {
        return problems.getOrDefault(field, List.of());
    }

    /** {@code aria-invalid} of a field. */
    public String invalid(String field) {
        return problems.containsKey(field) ? "true" : "false";
    }

    /** {@code aria-describedby} of a field: its hint, and its problems when it has any. */
    public String describedBy(String field) {
        return field + "-hint" + (problems.containsKey(field) ? " " + field + "-problems" : "");
    }

    /** The field a problem names: the first segment of its path, if the form has that field. */
    static String field(String problem) {
        int end = 0;
        while (end < problem.length() && ".[:".indexOf(problem.charAt(end)) < 0) {
            end++;
        }
        String first = problem.substring(0, end);
        return FIELDS.contains(first) ? first : GENERAL;
    }

    private static ObjectNode cadenceNode(String text, String durationKey) {
        ObjectNode n = JSON.createObjectNode();
        n.put(text.contains(" ") ? "cron" : durationKey, text);
        return n;
    }

    private static String cadence(Schedule s) {
        return s.interval().map(Durations::format).or(s::cron).orElse("");
    }

    private static String text(MultiMap form, String field) {
        String v = form.get(field);
        return v == null ? "" : v.strip();
    }
}
