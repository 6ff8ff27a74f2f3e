package dev.vantage.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** A position in a parsed YAML/JSON tree that reports problems with its path ({@code targets[2].schedule}). */
final class Node {

    final JsonNode json;
    final String path;
    private final List<String> problems;

    Node(JsonNode json, String path, List<String> problems) {
        this.json = json;
        this.path = path;
        this.problems = problems;
    }

    void problem(String message) {
        problems.add((path.isEmpty() ? "(top level)" : path) + ": " + message);
    }

    /** A scalar string (as opposed to an object or list) is here. */
    boolean isText() {
        return isPresent() && json.isTextual();
    }

    boolean isPresent() {
        return json != null && !json.isNull() && !json.isMissingNode();
    }

    Node child(String key) {
        return new Node(json == null ? null : json.get(key), path.isEmpty() ? key : path + "." + key, problems);
    }

    /** Reports every key not in {@code allowed}; returns false when this node is not a mapping. */
    boolean expectObject(Set<String> allowed) {
        if (!isPresent()) {
            return false;
        }
        if (!json.isObject()) {
            problem("expected a mapping of keys to values, got " + describe());
            return false;
        }
        Iterator<String> names = json.fieldNames();
        while (names.hasNext()) {
            String k = names.next();
            if (!allowed.contains(k)) {
                child(k).problem("unknown key (allowed here: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
        return true;
    }

    Optional<String> text() {
        if (!isPresent()) {
            return Optional.empty();
        }
        if (!json.isValueNode() || json.isBinary()) {
            problem("expected a single value, got " + describe());
            return Optional.empty();
        }
        return Optional.of(json.asText());
    }

    Optional<String> requiredText() {
        if (!isPresent()) {
            problem("is required");
            return Optional.empty();
        }
        return text();
    }

    <T> Optional<T> parsed(Function<String, Optional<T>> parser, String expectation) {
        Optional<String> t = text();
        if (t.isEmpty()) {
            return Optional.empty();
        }
        Optional<T> v = parser.apply(t.get());
        if (v.isEmpty()) {
            problem("\"" + t.get() + "\" is not " + expectation);
        }
        return v;
    }

    Optional<Boolean> bool() {
        if (!isPresent()) {
            return Optional.empty();
        }
        if (!json.isBoolean()) {
            problem("expected true or false, got " + describe());
            return Optional.empty();
        }
        return Optional.of(json.booleanValue());
    }

    Optional<Integer> integer(int min, int max) {
        if (!isPresent()) {
            return Optional.empty();
        }
        if (!json.isIntegralNumber() || json.asLong() < min || json.asLong() > max) {
            problem("expected a whole number from " + min + " to " + max + ", got " + describe());
            return Optional.empty();
        }
        return Optional.of(json.asInt());
    }

    /** The text here through a shared field rule ({@link TargetFields}); its refusal becomes a problem here. */
    <T> Optional<T> checked(Function<String, T> rule) {
        return text().flatMap(t -> checked(t, rule));
    }

    /** {@code value} (read from here) through a shared field rule; its refusal becomes a problem here. */
    <V, T> Optional<T> checked(V value, Function<V, T> rule) {
        try {
            return Optional.of(rule.apply(value));
        } catch (IllegalArgumentException e) {
            problem(e.getMessage());
            return Optional.empty();
        }
    }

    /** A plain number (integral or decimal). */
    Optional<Double> number() {
        if (!isPresent()) {
            return Optional.empty();
        }
        if (!json.isNumber()) {
            problem("expected a number, got " + describe());
            return Optional.empty();
        }
        return Optional.of(json.doubleValue());
    }

    List<Node> list() {
        List<Node> out = new ArrayList<>();
        if (!isPresent()) {
            return out;
        }
        if (!json.isArray()) {
            problem("expected a list, got " + describe());
            return out;
        }
        for (int i = 0; i < json.size(); i++) {
            out.add(new Node(json.get(i), path + "[" + i + "]", problems));
        }
        return out;
    }

    List<String> stringList() {
        List<String> out = new ArrayList<>();
        for (Node n : list()) {
            n.text().ifPresent(out::add);
        }
        return out;
    }

    /** A mapping of names to single values, in file order. */
    Map<String, String> stringMap() {
        Map<String, String> out = new LinkedHashMap<>();
        if (!isPresent()) {
            return out;
        }
        if (!json.isObject()) {
            problem("expected a mapping of names to values, got " + describe());
            return out;
        }
        json.fieldNames().forEachRemaining(k -> child(k).text().ifPresent(v -> out.put(k, v)));
        return out;
    }

    String describe() {
        if (json.isObject()) {
            return "a mapping";
        }
        if (json.isArray()) {
            return "a list";
        }
        return "\"" + json.asText() + "\"";
    }
}
