package dev.vantage.check.exposure;

import dev.vantage.check.Area;
import dev.vantage.check.Finding;
import dev.vantage.check.Verdict;
import dev.vantage.probe.SiteEvidence;
import dev.vantage.probe.exposure.ExposureEvidence;
import dev.vantage.probe.http.HttpExchange;

import dev.vantage.probe.exposure.ScanLimit;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code observability.health-endpoint}: a health endpoint (configured path, else {@code /health},
 * {@code /healthz}, {@code /actuator/health}, {@code /status}) that answers fast and says nothing about internals
 * (connection strings, private addresses, host names, versions, disk details). "Missing" needs every path tried
 * to have answered; a timeout or transport failure on any of them is {@link #UNREACHABLE}.
 */
public final class HealthEndpointCheck extends ExposureCheck {

    public static final String OK = "health-endpoint-ok";
    public static final String SLOW = "health-endpoint-slow";
    public static final String LEAKS = "health-endpoint-leaks-internals";
    public static final String MISSING = "health-endpoint-missing";
    public static final String UNREACHABLE = "health-endpoint-unreachable";
    public static final String NOT_PROBED = "health-endpoint-not-probed";
    static final Duration FAST = Duration.ofSeconds(1);

    private static final Pattern INTERNALS = Pattern.compile("(?i)jdbc:|(?:postgres(?:ql)?|mysql|mongodb(?:\\+srv)?"
            + "|redis|amqp)://|\"(?:hostname|host|ip|validationQuery|diskSpace|database|password|path|version)\""
            + "\\s*:|\\b(?:10\\.\\d{1,3}|172\\.(?:1[6-9]|2\\d|3[01])|192\\.168)\\.\\d{1,3}\\.\\d{1,3}\\b");

    public HealthEndpointCheck() {
        super("observability.health-endpoint", Area.OBSERVABILITY, "Health endpoint",
                NOT_PROBED, OK, SLOW, LEAKS, MISSING, UNREACHABLE);
    }

    @Override
    Finding evaluate(SiteEvidence site, ExposureEvidence exposure) {
        Optional<HttpExchange> found = exposure.health().stream()
                .filter(e -> e.response().map(r -> r.status() >= 200 && r.status() < 300 || r.status() == 503)
                        .orElse(false))
                .filter(e -> !SoftNotFound.isCatchAll(e, exposure))
                .findFirst();
        List<HttpExchange> unanswered = exposure.health().stream().filter(e -> e.response().isEmpty()).toList();
        if (found.isEmpty() && exposure.health().isEmpty()) {
            return finding(Verdict.ERROR, UNREACHABLE, "no health path was requested: the run's deadline passed "
                    + "first", "");
        }
        if (found.isEmpty() && !unanswered.isEmpty()) {
            // A path that timed out or failed at transport may be the health endpoint: "missing" would be a guess.
            return finding(Verdict.ERROR, UNREACHABLE, "could not fetch " + unanswered.stream()
                    .map(e -> path(e) + " (" + statusOf(e) + ")").collect(Collectors.joining(", "))
                    + "; whether a health endpoint exists is unknown", "");
        }
        if (found.isEmpty()) {
            return finding(Verdict.INFO, MISSING, "no health endpoint at " + exposure.health().stream()
                    .map(ExposureCheck::path).toList(), "Expose a cheap health endpoint (e.g. /healthz) for load "
                    + "balancers and monitors, answering 200/503 with a minimal body.");
        }
        HttpExchange e = found.get();
        Duration took = e.timings().total();
        String observed = path(e) + " answered " + statusOf(e) + " in " + took.toMillis() + " ms";
        Optional<String> leak = internals(e.response().get().body());
        if (leak.isPresent()) {
            return finding(Verdict.WARN, LEAKS, observed + ", revealing internals (" + leak.get() + ")",
                    "Keep public health answers to a status; put component details behind authentication.");
        }
        if (took.compareTo(FAST) > 0) {
            return finding(Verdict.WARN, SLOW, observed + " (slower than " + FAST.toMillis() + " ms)",
                    "Make the public health check cheap (no deep dependency checks on every call).");
        }
        return finding(Verdict.PASS, OK, observed, "");
    }

    /** The first internal detail in the first {@link ScanLimit#MAX_CHARS} characters of a health answer. */
    static Optional<String> internals(CharSequence body) {
        Matcher leak = INTERNALS.matcher(ScanLimit.head(body));
        return leak.find() ? Optional.of(leak.group().strip()) : Optional.empty();
    }
}
