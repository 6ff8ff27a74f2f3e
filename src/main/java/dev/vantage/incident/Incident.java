package dev.vantage.incident;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * One incident of one target: opened once with the evidence that caused it, resolved once with the evidence that
 * ended it.
 *
 * @param id      derived from target, kind, subject and opening time: the same on every node, and the key
 *                receivers deduplicate notifications by
 * @param subject what within the kind it is about (the check id for {@link IncidentKind#CHECK}); empty otherwise
 */
public record Incident(String id, String target, IncidentKind kind, String subject, Instant openedAt,
                       Optional<Instant> resolvedAt, String evidence, Optional<String> resolution) {

    /** A newly opened incident. */
    public static Incident open(String target, IncidentKind kind, String subject, Instant at, String evidence) {
        return new Incident(idOf(target, kind, subject, at), target, kind, subject, at, Optional.empty(), evidence,
                Optional.empty());
    }

    public Incident resolve(Instant at, String why) {
        return new Incident(id, target, kind, subject, openedAt, Optional.of(at), evidence, Optional.of(why));
    }

    public boolean isOpen() {
        return resolvedAt.isEmpty();
    }

    public boolean is(IncidentKind k, String s) {
        return kind == k && subject.equals(s);
    }

    /** A short line for people: "shop is down", "shop fails security.hsts". */
    public String title() {
        return switch (kind) {
            case DOWN -> target + " is down";
            case GRADE -> target + " grades below its expected grade";
            case CHECK -> target + " fails " + subject;
            case CERTIFICATE -> "the certificate of " + target + " expires soon";
            case AUDIT -> "the audit of " + target + " could not run";
        };
    }

    static String idOf(String target, IncidentKind kind, String subject, Instant at) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((target + "\n" + kind.id() + "\n" + subject
                    + "\n" + at.toEpochMilli()).getBytes(StandardCharsets.UTF_8));
            return "inc-" + HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
