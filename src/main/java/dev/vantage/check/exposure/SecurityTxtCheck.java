package dev.vantage.check.exposure;

import dev.vantage.check.Area;
import dev.vantage.check.Finding;
import dev.vantage.check.Verdict;
import dev.vantage.probe.SiteEvidence;
import dev.vantage.probe.exposure.ExposureEvidence;
import dev.vantage.probe.http.HttpExchange;
import dev.vantage.probe.http.HttpResponseEvidence;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code observability.security-txt}: {@code /.well-known/security.txt} (RFC 9116) tells researchers where to
 * report an incident. Valid means at least one Contact and exactly one Expires in the future; "now" is the run's
 * start, so the check stays pure. "Missing" needs an answer: a request that timed out or failed at transport is
 * {@link #UNREACHABLE}.
 */
public final class SecurityTxtCheck extends ExposureCheck {

    public static final String VALID = "security-txt-valid";
    public static final String EXPIRED = "security-txt-expired";
    public static final String INVALID = "security-txt-invalid";
    public static final String MISSING = "security-txt-missing";
    public static final String UNREACHABLE = "security-txt-unreachable";
    public static final String NOT_PROBED = "security-txt-not-probed";

    public SecurityTxtCheck() {
        super("observability.security-txt", Area.OBSERVABILITY, "security.txt (RFC 9116)",
                NOT_PROBED, VALID, EXPIRED, INVALID, MISSING, UNREACHABLE);
    }

    @Override
    Finding evaluate(SiteEvidence site, ExposureEvidence exposure) {
        if (exposure.securityTxt().isEmpty()) {
            return finding(Verdict.NOT_APPLICABLE, NOT_PROBED, "security.txt was not requested", "");
        }
        HttpExchange e = exposure.securityTxt().get();
        if (e.response().isEmpty()) {
            // A timeout, reset or refusal says nothing about whether the file exists: not "missing".
            return finding(Verdict.ERROR, UNREACHABLE, "/.well-known/security.txt could not be fetched ("
                    + statusOf(e) + "); whether it exists is unknown", "");
        }
        Optional<HttpResponseEvidence> served = e.response().filter(r -> r.status() == 200)
                .filter(r -> !SoftNotFound.isCatchAll(e, exposure))
                .filter(r -> !r.body().stripLeading().startsWith("<"));
        String remedy = "Publish /.well-known/security.txt with a Contact (mailto: or https:) and an Expires "
                + "date less than a year ahead, and renew it before it expires.";
        if (served.isEmpty()) {
            return finding(Verdict.INFO, MISSING, "/.well-known/security.txt answered " + statusOf(e)
                    + (e.response().filter(r -> r.status() == 200).isPresent() ? " but not with a text file" : ""),
                    remedy);
        }
        SecurityTxt txt = SecurityTxt.parse(served.get().body());
        if (txt.problem().isPresent()) {
            return finding(Verdict.WARN, INVALID, "security.txt is invalid: " + txt.problem().get(), remedy);
        }
        Instant expires = txt.expiresAt().orElseThrow();
        Instant now = site.startedAt();
        String contacts = "Contact " + String.join(", ", txt.contacts());
        if (!expires.isAfter(now)) {
            return finding(Verdict.WARN, EXPIRED, "security.txt expired on " + expires + " (" + contacts + ")",
                    remedy);
        }
        String longLived = Duration.between(now, expires).toDays() > 366
                ? "; Expires is more than a year ahead (RFC 9116 recommends less)" : "";
        return finding(Verdict.PASS, VALID, contacts + ", expires " + expires + longLived, "");
    }
}
