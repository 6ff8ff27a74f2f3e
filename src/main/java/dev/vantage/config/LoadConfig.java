package dev.vantage.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vantage.probe.load.LoadSettings;
import dev.vantage.target.Durations;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code load:} block of a target (docs/load.md): {@code rate} and {@code duration} are required, the rest
 * has the CLI's defaults. The hard caps of {@link LoadSettings} apply; a value beyond them is a problem at its path.
 */
final class LoadConfig {

    static final Set<String> KEYS = Set.of("rate", "duration", "warmup", "connections", "paths", "request-timeout",
            "p95", "max-errors", "stop-errors", "every");
    private static final Pattern PERCENT = Pattern.compile("(\\d{1,3}(?:\\.\\d{1,4})?)\\s*%");

    private LoadConfig() {
    }

    /** The load settings at {@code n}, or empty (absent, or a problem was reported). */
    static Optional<LoadSettings> parse(Node n, URI target) {
        if (!n.isPresent() || !n.expectObject(KEYS)) {
            return Optional.empty();
        }
        Optional<Double> rate = required(n.child("rate")).flatMap(Node::number);
        Optional<Duration> duration = required(n.child("duration")).flatMap(d -> duration(d));
        Optional<Duration> warmup = duration(n.child("warmup"));
        // Any whole number: the bound is LoadSettings', so the file and `--load-connections` say the same.
        Optional<Integer> connections = n.child("connections").integer(Integer.MIN_VALUE, Integer.MAX_VALUE);
        List<String> paths = n.child("paths").stringList();
        Optional<Duration> requestTimeout = duration(n.child("request-timeout"));
        Optional<Duration> p95 = duration(n.child("p95"));
        Optional<Double> maxErrors = percent(n.child("max-errors"));
        Optional<Double> stopErrors = percent(n.child("stop-errors"));
        if (rate.isEmpty() || duration.isEmpty()) {
            return Optional.empty();
        }
        String targetPath = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
        try {
            LoadSettings s = LoadSettings.of(rate.get(), duration.get())
                    .withPaths(paths.isEmpty() ? List.of(targetPath) : paths);
            s = warmup.map(s::withWarmup).orElse(s);
            s = connections.map(s::withConnections).orElse(s);
            s = requestTimeout.map(s::withRequestTimeout).orElse(s);
            s = p95.map(s::withP95Threshold).orElse(s);
            s = maxErrors.map(s::withMaxErrorRatio).orElse(s);
            s = stopErrors.map(s::withStopErrorRatio).orElse(s);
            return Optional.of(s);
        } catch (IllegalArgumentException e) {
            n.problem(e.getMessage());
            return Optional.empty();
        }
    }

    /** The inverse of {@link #parse}: every setting written, so a stored target keeps its exact plan. */
    static void write(ObjectNode o, LoadSettings s) {
        o.put("rate", s.rate());
        o.put("duration", Durations.format(s.duration()));
        o.put("warmup", Durations.format(s.warmup()));
        o.put("connections", s.connections());
        s.paths().forEach(o.putArray("paths")::add);
        o.put("request-timeout", Durations.format(s.requestTimeout()));
        o.put("p95", Durations.format(s.p95Threshold()));
        o.put("max-errors", percentText(s.maxErrorRatio()));
        o.put("stop-errors", percentText(s.stopErrorRatio()));
    }

    private static Optional<Node> required(Node n) {
        if (!n.isPresent()) {
            n.problem("is required in a load block");
            return Optional.empty();
        }
        return Optional.of(n);
    }

    private static Optional<Duration> duration(Node n) {
        return n.checked(TargetFields::duration);
    }

    /** {@code "1%"} or {@code "0.5%"}: a percentage, never a bare number (is 1 one percent or all requests?). */
    private static Optional<Double> percent(Node n) {
        if (!n.isPresent()) {
            return Optional.empty();
        }
        if (n.json.isNumber()) {
            n.problem("write a percentage with its sign, e.g. \"1%\" (a bare " + n.json.asText()
                    + " could mean a ratio or a percentage)");
            return Optional.empty();
        }
        return n.text().flatMap(t -> {
            Matcher m = PERCENT.matcher(t.trim());
            if (!m.matches()) {
                n.problem("\"" + t + "\" is not a percentage like 1% or 0.5%");
                return Optional.empty();
            }
            return Optional.of(new BigDecimal(m.group(1)).movePointLeft(2).doubleValue());
        });
    }

    private static String percentText(double ratio) {
        return new BigDecimal(Double.toString(ratio)).movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }
}
