package dev.vantage.console;

import dev.vantage.config.Role;
import dev.vantage.store.SessionRepository;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * The console's sign-in sessions, kept in the database so every node of a cluster knows them and a restart signs
 * nobody out: a random 256-bit id (the cookie) maps to the role of the token that signed in, the session's CSRF
 * token and when it was last used. Rows are keyed by a digest of the id, so neither the table, a backup nor lookup
 * timing gives away a live cookie. Sessions end after {@link #IDLE} without use, at sign-out, or (least recently
 * used first) when the table is full. Blocking: worker threads only.
 */
final class Sessions {

    /** A session unused this long is gone: a forgotten tab does not stay signed in overnight and beyond. */
    static final Duration IDLE = Duration.ofHours(8);
    /** Sessions kept at most, so sign-ins in a loop cannot fill the database. */
    static final int MAX = 10_000;
    /** A use is written back at most this often per session: reading pages should not be a write per request. */
    static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    /** A live session: {@code csrf} goes into every form the session is shown. */
    record Session(Role role, String csrf, Instant lastUsed) {
    }

    private final SessionRepository store;
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final int max;

    Sessions(SessionRepository store, Clock clock, int max) {
        this.store = store;
        this.clock = clock;
        this.max = max;
    }

    Sessions(SessionRepository store, Clock clock) {
        this(store, clock, MAX);
    }

    /** Opens a session for {@code role}; returns its id, the cookie value. */
    String open(Role role) {
        Instant now = clock.instant();
        store.deleteUnusedSince(now.minus(IDLE));
        int over = store.count() - max + 1;
        if (over > 0) {
            store.deleteLeastRecentlyUsed(over);
        }
        String id = token();
        store.insert(digest(id), new SessionRepository.Row(role.id(), token(), now));
        return id;
    }

    /** The live session of {@code id}, marked as used now; empty for an unknown, ended or idle one. */
    Optional<Session> find(String id) {
        Instant now = clock.instant();
        String key = digest(id);
        Optional<SessionRepository.Row> row = store.find(key);
        Optional<Role> role = row.flatMap(r -> Role.parse(r.role()));
        if (row.isEmpty() || role.isEmpty() || !now.isBefore(row.get().lastUsed().plus(IDLE))) {
            row.ifPresent(r -> store.delete(key));
            return Optional.empty();
        }
        if (!now.isBefore(row.get().lastUsed().plus(TOUCH_EVERY))) {
            store.touch(key, now);
        }
        return Optional.of(new Session(role.get(), row.get().csrf(), now));
    }

    void close(String id) {
        store.delete(digest(id));
    }

    int size() {
        return store.count();
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
