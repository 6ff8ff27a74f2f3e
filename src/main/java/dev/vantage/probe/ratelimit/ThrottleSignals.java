package dev.vantage.probe.ratelimit;

import dev.vantage.probe.FailureKind;
import dev.vantage.probe.http.Header;
import dev.vantage.probe.http.Headers;
import dev.vantage.probe.http.HttpExchange;
import dev.vantage.probe.http.HttpResponseEvidence;
import dev.vantage.probe.ratelimit.RateLimitEvidence.SignalKind;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads throttling signals from answers: whether an answer says "too many", which headers advertise the limit
 * (Retry-After, the IETF draft {@code RateLimit-*} / {@code RateLimit}, and the common {@code X-RateLimit-*}
 * and {@code X-Rate-Limit-*} variants), and how long the server asks the client to wait. Pure functions.
 */
public final class ThrottleSignals {

    private static final Pattern REMAINING_ZERO = Pattern.compile("(?i)(?:remaining=|;r=)0(?![0-9])");
    private static final Pattern RESET = Pattern.compile("(?i)(?:reset=|;t=)(\\d{1,9})");
    /** Epoch-second resets (GitHub style) are above this; smaller numbers are delta seconds. */
    private static final long EPOCH_THRESHOLD = 1_000_000_000L;

    private ThrottleSignals() {
    }

    /**
     * The signal in this exchange, if it is one. {@code earlierAccepted} says whether requests of the same burst
     * were already accepted: only then do a generic 5xx or a dropped connection mean "limit reached" rather than
     * "this endpoint is broken".
     */
    public static Optional<SignalKind> classify(HttpExchange exchange, boolean earlierAccepted) {
        if (exchange.response().isEmpty()) {
            boolean dropped = exchange.failure().map(f -> f.kind() == FailureKind.RESET
                    || f.kind() == FailureKind.REFUSED).orElse(false);
            return dropped && earlierAccepted ? Optional.of(SignalKind.CONNECTION_DROPPED) : Optional.empty();
        }
        HttpResponseEvidence response = exchange.response().get();
        int status = response.status();
        if (status == 429) {
            return Optional.of(SignalKind.STATUS_429);
        }
        if (status == 503 || status >= 500 && (earlierAccepted || response.headers().contains("Retry-After"))) {
            return Optional.of(SignalKind.STATUS_5XX);
        }
        if (status >= 400 && (response.headers().contains("Retry-After") || quotaExhausted(response.headers()))) {
            return Optional.of(SignalKind.OTHER_4XX);
        }
        return Optional.empty();
    }

    /** Retry-After and every rate-limit header, in the order they came. */
    public static Headers limitHeaders(Headers headers) {
        return new Headers(headers.all().stream().filter(h -> isLimitHeader(h.name())).toList());
    }

    static boolean isLimitHeader(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.equals("retry-after") || n.startsWith("ratelimit") || n.startsWith("x-ratelimit")
                || n.startsWith("x-rate-limit");
    }

    /** True when a RateLimit header says no requests remain. */
    static boolean quotaExhausted(Headers headers) {
        for (Header h : limitHeaders(headers).all()) {
            String n = h.name().toLowerCase(Locale.ROOT);
            if (n.endsWith("remaining") && h.value().trim().equals("0")) {
                return true;
            }
            if ((n.equals("ratelimit") || n.equals("x-ratelimit")) && REMAINING_ZERO.matcher(h.value()).find()) {
                return true;
            }
        }
        return false;
    }

    /**
     * How long the server asked the client to wait: Retry-After (delta-seconds or HTTP-date, relative to the
     * answer's Date header when present), else a RateLimit reset (delta seconds, or epoch seconds for the
     * X-RateLimit-Reset variant that uses them).
     */
    public static Optional<Duration> advertisedWait(Headers headers, Instant now) {
        Optional<String> retryAfter = headers.first("Retry-After").map(String::trim);
        if (retryAfter.isPresent()) {
            Optional<Duration> parsed = parseRetryAfter(retryAfter.get(), headers.first("Date"), now);
            if (parsed.isPresent()) {
                return parsed;
            }
        }
        for (Header h : limitHeaders(headers).all()) {
            String n = h.name().toLowerCase(Locale.ROOT);
            Optional<Long> seconds = Optional.empty();
            if (n.endsWith("reset")) {
                seconds = parseLong(h.value().trim());
            } else if (n.equals("ratelimit") || n.equals("x-ratelimit")) {
                Matcher m = RESET.matcher(h.value());
                seconds = m.find() ? parseLong(m.group(1)) : Optional.empty();
            }
            if (seconds.isPresent()) {
                long s = seconds.get();
                return Optional.of(s > EPOCH_THRESHOLD
                        ? Duration.ofSeconds(Math.max(0, s - now.getEpochSecond())) : Duration.ofSeconds(s));
            }
        }
        return Optional.empty();
    }

    static Optional<Duration> parseRetryAfter(String value, Optional<String> date, Instant now) {
        Optional<Long> seconds = parseLong(value);
        if (seconds.isPresent()) {
            return Optional.of(Duration.ofSeconds(seconds.get()));
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Instant reference = date.flatMap(ThrottleSignals::parseDate).orElse(now);
            Duration wait = Duration.between(reference, at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> parseDate(String value) {
        try {
            return Optional.of(ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> parseLong(String value) {
        if (value.isEmpty() || value.length() > 12 || !value.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(value));
    }
}
