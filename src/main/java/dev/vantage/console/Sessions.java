package dev.vantage.console;

import dev.vantage.config.Role;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's sign-in sessions, held in memory on this node: a random 256-bit id (the cookie) maps to the role of
 * the token that signed in, the session's CSRF token and when it was last used. The table is keyed by a digest of
 * the id, so neither a heap dump nor lookup timing gives away a live cookie. Sessions end after {@link #IDLE} without
 * use, at sign-out, or (oldest first) when the table is full; a restart signs everyone out.
 */
final class Sessions {

    /** A session unused this long is gone: a forgotten tab does not stay signed in overnight and beyond. */
    static final Duration IDLE = Duration.ofHours(8);
    /** Sessions kept at most, so sign-ins in a loop cannot fill the heap. */
    static final int MAX = 10_000;

    /** A live session: {@code csrf} goes into every form the session is shown. */
    record Session(Role role, String csrf, Instant lastUsed) {
    }

    private final Map<String, Session> byDigest = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final int max;

    Sessions(Clock clock, int max) {
        this.clock = clock;
        this.max = max;
    }

    Sessions(Clock clock) {
        this(clock, MAX);
    }

    /** Opens a session for {@code role}; returns its id, the cookie value. */
    synchronized String open(Role role) {
        Instant now = clock.instant();
        if (byDigest.size() >= max) {
            byDigest.values().removeIf(s -> expired(s, now));
        }
        while (byDigest.size() >= max) {
            byDigest.entrySet().stream().min(Comparator.comparing(e -> e.getValue().lastUsed()))
                    .ifPresent(e -> byDigest.remove(e.getKey()));
        }
        String id = token();
        byDigest.put(digest(id), new Session(role, token(), now));
        return id;
    }

    /** The live session of {@code id}, marked as used now; empty for an unknown, ended or idle one. */
    Optional<Session> find(String id) {
        Instant now = clock.instant();
        String key = digest(id);
        Session s = byDigest.computeIfPresent(key, (k, old) -> expired(old, now) ? null
                : new Session(old.role(), old.csrf(), now));
        return Optional.ofNullable(s);
    }

    void close(String id) {
        byDigest.remove(digest(id));
    }

    int size() {
        return byDigest.size();
    }

    private static boolean expired(Session s, Instant now) {
        return !now.isBefore(s.lastUsed().plus(IDLE));
    }

    /** 256 random bits, URL-safe: a cookie value or a CSRF token. */
    private String token() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String digest(String id) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(id.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
