package dev.vantage.check.ratelimit;

import dev.vantage.check.Area;
import dev.vantage.check.BaseCheck;
import dev.vantage.check.Finding;
import dev.vantage.check.Verdict;
import dev.vantage.probe.ProbeKind;
import dev.vantage.probe.SiteEvidence;
import dev.vantage.probe.ratelimit.RateLimitEvidence;

/**
 * {@code reliability.rate-limit-recovery}: after the advertised wait a throttled client must be served again; a
 * limit that never lifts locks real users out.
 */
public final class RateLimitRecoveryCheck extends BaseCheck {

    @Override
    public java.util.Set<ProbeKind> needs() {
        return java.util.Set.of(ProbeKind.PAGE, ProbeKind.RATE_LIMIT);
    }

    public static final String RECOVERS = "rate-limit-recovers";
    public static final String NEVER_RECOVERS = "rate-limit-never-recovers";
    public static final String NOT_TESTED = "rate-limit-recovery-not-tested";
    public static final String NOT_APPLICABLE = "rate-limit-recovery-not-applicable";

    public RateLimitRecoveryCheck() {
        super("reliability.rate-limit-recovery", Area.RELIABILITY, "Rate limit recovers after the advertised wait",
                RECOVERS, NEVER_RECOVERS, NOT_TESTED, NOT_APPLICABLE);
    }

    @Override
    public Finding evaluate(SiteEvidence evidence) {
        if (evidence.rateLimit().isEmpty() || evidence.rateLimit().get().throttle().isEmpty()) {
            return finding(Verdict.NOT_APPLICABLE, NOT_APPLICABLE, "no throttling was observed", "");
        }
        RateLimitEvidence r = evidence.rateLimit().get();
        if (r.recovery().isEmpty()) {
            return finding(Verdict.INFO, NOT_TESTED, "recovery not tested: " + r.recoverySkipped()
                    .orElse("no follow-up was sent"), "");
        }
        RateLimitEvidence.Recovery recovery = r.recovery().get();
        String answer = recovery.exchange().response().map(x -> String.valueOf(x.status()))
                .orElseGet(() -> recovery.exchange().failure().map(f -> f.describe()).orElse("no answer"));
        String observed = "follow-up after " + recovery.waited().toMillis() + " ms answered " + answer;
        if (recovery.recovered()) {
            return finding(Verdict.PASS, RECOVERS, observed, "");
        }
        return finding(Verdict.WARN, NEVER_RECOVERS, observed + ": still throttled after the advertised wait",
                "Make the limit lift when Retry-After says it will (or advertise the real wait).");
    }
}
