package dev.vantage.check.ratelimit;

import dev.vantage.check.Area;
import dev.vantage.check.BaseCheck;
import dev.vantage.check.Finding;
import dev.vantage.check.Verdict;
import dev.vantage.probe.ProbeKind;
import dev.vantage.probe.SiteEvidence;
import dev.vantage.probe.http.Header;
import dev.vantage.probe.ratelimit.RateLimitEvidence;
import dev.vantage.probe.ratelimit.RateLimitEvidence.ThrottleSignal;

import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code security.rate-limit}: a public endpoint should throttle a bounded burst. A clear 429 with Retry-After
 * passes; a 429 without it, another 4xx, a bare 5xx or dropped connections warn (a limit, but not one a client
 * can follow); accepting the whole burst fails. Not applicable unless the opt-in burst was configured.
 */
public final class RateLimitCheck extends BaseCheck {

    @Override
    public java.util.Set<ProbeKind> needs() {
        return java.util.Set.of(ProbeKind.PAGE, ProbeKind.RATE_LIMIT);
    }

    public static final String CLEAR = "rate-limit-429-retry-after";
    public static final String NO_RETRY_AFTER = "rate-limit-429-without-retry-after";
    public static final String OTHER_4XX = "rate-limit-non-standard-4xx";
    public static final String BARE_5XX = "rate-limit-bare-5xx";
    public static final String DROPPED = "rate-limit-connection-dropped";
    public static final String NONE = "rate-limit-none";
    public static final String UNREACHABLE = "rate-limit-unreachable";
    public static final String NOT_PROBED = "rate-limit-not-probed";

    public RateLimitCheck() {
        super("security.rate-limit", Area.SECURITY, "Rate limiting on public endpoints",
                CLEAR, NO_RETRY_AFTER, OTHER_4XX, BARE_5XX, DROPPED, NONE, UNREACHABLE, NOT_PROBED);
    }

    @Override
    public Finding evaluate(SiteEvidence evidence) {
        if (evidence.rateLimit().isEmpty()) {
            return finding(Verdict.NOT_APPLICABLE, NOT_PROBED, "the rate-limit burst is opt-in and was not "
                    + "configured (rate-limit path)", "");
        }
        RateLimitEvidence r = evidence.rateLimit().get();
        if (r.stop() == RateLimitEvidence.StopReason.UNREACHABLE) {
            return finding(Verdict.ERROR, UNREACHABLE, describeBurst(r) + ": no request was answered", "");
        }
        if (r.throttle().isEmpty()) {
            return finding(Verdict.FAIL, NONE, describeBurst(r) + ": all accepted, no throttling signal ("
                    + statuses(r) + ")" + quota(r), "Limit requests per client on this endpoint (e.g. nginx "
                    + "limit_req, a gateway or middleware limiter) and answer 429 with Retry-After when exceeded.");
        }
        ThrottleSignal s = r.throttle().get();
        String observed = "throttled after " + s.afterRequests() + " of " + r.settings().maxRequests()
                + " requests to " + r.settings().method() + " " + r.settings().path() + String.format(Locale.ROOT,
                " (%.1f req/s, %d ms in)", s.rate(), s.at().toMillis()) + ": " + signal(s) + headers(s);
        return switch (s.kind()) {
            case STATUS_429 -> s.retryAfter().isPresent()
                    ? finding(Verdict.PASS, CLEAR, observed, "")
                    : finding(Verdict.WARN, NO_RETRY_AFTER, observed, "Send Retry-After with every 429 so "
                            + "clients know when to come back.");
            case OTHER_4XX -> finding(Verdict.WARN, OTHER_4XX, observed, "Answer throttled requests with 429 Too "
                    + "Many Requests and Retry-After (RFC 6585).");
            case STATUS_5XX -> finding(Verdict.WARN, BARE_5XX, observed, "Throttle with 429 and Retry-After "
                    + "instead of a 5xx: a 5xx looks like an outage to clients and monitors.");
            case CONNECTION_DROPPED -> finding(Verdict.WARN, DROPPED, observed, "Answer throttled requests with "
                    + "429 and Retry-After instead of dropping connections.");
        };
    }

    static String describeBurst(RateLimitEvidence r) {
        return String.format(Locale.ROOT, "%d %s %s requests in %d ms (%.1f req/s)", r.sent(),
                r.settings().method(), r.settings().path(), r.took().toMillis(), r.achievedRate());
    }

    private static String statuses(RateLimitEvidence r) {
        String counts = r.statusCounts().entrySet().stream().map(e -> e.getValue() + "× " + e.getKey())
                .collect(Collectors.joining(", "));
        return (counts.isEmpty() ? "no answers" : counts) + (r.failures() > 0 ? ", " + r.failures()
                + " without answer" : "") + ", stopped: " + r.stop().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String quota(RateLimitEvidence r) {
        return r.limitHeaders().all().isEmpty() ? "" : "; advertised: " + r.limitHeaders().all().stream()
                .map(h -> h.name() + ": " + h.value()).collect(Collectors.joining(", "));
    }

    private static String signal(ThrottleSignal s) {
        return s.status().map(String::valueOf).orElseGet(() -> "connection dropped ("
                + s.exchange().failure().map(f -> f.describe()).orElse("?") + ")");
    }

    private static String headers(ThrottleSignal s) {
        if (s.limitHeaders().all().isEmpty()) {
            return ", no Retry-After or RateLimit headers";
        }
        return ", " + s.limitHeaders().all().stream().map(RateLimitCheck::header).collect(Collectors.joining(", "));
    }

    private static String header(Header h) {
        return h.name() + ": " + h.value();
    }
}
