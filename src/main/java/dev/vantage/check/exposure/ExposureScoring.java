package dev.vantage.check.exposure;

import dev.vantage.check.ratelimit.RateLimitCheck;
import dev.vantage.check.ratelimit.RateLimitRecoveryCheck;
import dev.vantage.grade.Grade;

import java.util.Map;

/**
 * Proposed prices of every result of the exposure and rate-limit checks, for the lead to merge into the one
 * {@link dev.vantage.grade.ScoringTable}. Observatory-style modifiers on the 100 baseline; docs/exposure.md and
 * docs/rate-limit.md give the reasons.
 */
public final class ExposureScoring {

    /** Result key to modifier; every result of {@link ExposureChecks} and the rate-limit checks is priced. */
    public static final Map<String, Integer> MODIFIERS = Map.ofEntries(
            Map.entry(SensitiveFilesCheck.EXPOSED, -40),
            Map.entry(SensitiveFilesCheck.MINOR_EXPOSED, -10),
            Map.entry(SensitiveFilesCheck.SOURCE_MAP_EXPOSED, -5),
            Map.entry(SensitiveFilesCheck.NONE, 0),
            Map.entry(SensitiveFilesCheck.INCOMPLETE, 0),
            Map.entry(SensitiveFilesCheck.NOT_PROBED, 0),
            Map.entry(SecretsCheck.EXPOSED, -50),
            Map.entry(SecretsCheck.NONE, 0),
            Map.entry(SecretsCheck.NOT_PROBED, 0),
            Map.entry(NotFoundCheck.OK, 0),
            Map.entry(NotFoundCheck.OTHER_4XX, 0),
            Map.entry(NotFoundCheck.REDIRECT, 0),
            Map.entry(NotFoundCheck.SOFT, -5),
            Map.entry(NotFoundCheck.SERVER_ERROR, -10),
            Map.entry(NotFoundCheck.NO_ANSWER, 0),
            Map.entry(NotFoundCheck.NOT_PROBED, 0),
            Map.entry(MalformedRequestCheck.REJECTED, 0),
            Map.entry(MalformedRequestCheck.ACCEPTED, 0),
            Map.entry(MalformedRequestCheck.SERVER_ERROR, -10),
            Map.entry(MalformedRequestCheck.UNTESTED, 0),
            Map.entry(MalformedRequestCheck.NOT_PROBED, 0),
            Map.entry(ErrorDisclosureCheck.DEBUG_PAGE, -40),
            Map.entry(ErrorDisclosureCheck.STACK_TRACE, -20),
            Map.entry(ErrorDisclosureCheck.NONE, 0),
            Map.entry(ErrorDisclosureCheck.NOT_PROBED, 0),
            Map.entry(TraceCheck.DISABLED, 0),
            Map.entry(TraceCheck.ECHOES, -10),
            Map.entry(TraceCheck.ANSWERED, 0),
            Map.entry(TraceCheck.UNTESTED, 0),
            Map.entry(TraceCheck.NOT_PROBED, 0),
            Map.entry(SecurityTxtCheck.VALID, 5),
            Map.entry(SecurityTxtCheck.EXPIRED, -5),
            Map.entry(SecurityTxtCheck.INVALID, -5),
            Map.entry(SecurityTxtCheck.MISSING, 0),
            Map.entry(SecurityTxtCheck.NOT_PROBED, 0),
            Map.entry(HealthEndpointCheck.OK, 0),
            Map.entry(HealthEndpointCheck.SLOW, -5),
            Map.entry(HealthEndpointCheck.LEAKS, -10),
            Map.entry(HealthEndpointCheck.MISSING, 0),
            Map.entry(HealthEndpointCheck.NOT_PROBED, 0),
            Map.entry(RateLimitCheck.CLEAR, 0),
            Map.entry(RateLimitCheck.NO_RETRY_AFTER, -5),
            Map.entry(RateLimitCheck.OTHER_4XX, -5),
            Map.entry(RateLimitCheck.BARE_5XX, -10),
            Map.entry(RateLimitCheck.DROPPED, -10),
            Map.entry(RateLimitCheck.NONE, -20),
            Map.entry(RateLimitCheck.UNREACHABLE, 0),
            Map.entry(RateLimitCheck.NOT_PROBED, 0),
            Map.entry(RateLimitRecoveryCheck.RECOVERS, 0),
            Map.entry(RateLimitRecoveryCheck.NEVER_RECOVERS, -10),
            Map.entry(RateLimitRecoveryCheck.NOT_TESTED, 0),
            Map.entry(RateLimitRecoveryCheck.NOT_APPLICABLE, 0));

    /** Results too serious for arithmetic: the best overall grade a site can have while they are present. */
    public static final Map<String, Grade> CAPS = Map.of(
            SensitiveFilesCheck.EXPOSED, Grade.C,
            SecretsCheck.EXPOSED, Grade.D,
            ErrorDisclosureCheck.DEBUG_PAGE, Grade.C);

    private ExposureScoring() {
    }
}
