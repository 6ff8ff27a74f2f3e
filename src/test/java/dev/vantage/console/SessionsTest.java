package dev.vantage.console;

import dev.vantage.config.Role;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** The session table: random ids, idle expiry on an injected clock, sign-out, and its bound. */
class SessionsTest {

    /** A clock the test moves by hand. */
    static final class HandClock extends Clock {
        Instant now = Instant.parse("2026-11-30T12:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final HandClock clock = new HandClock();

    @Test
    void aSessionCarriesItsRoleAndADistinctCsrfToken() {
        Sessions sessions = new Sessions(clock);
        String a = sessions.open(Role.EDITOR);
        String b = sessions.open(Role.VIEWER);
        assertThat(a).hasSize(43).isNotEqualTo(b);
        assertThat(sessions.find(a)).get().extracting(Sessions.Session::role).isEqualTo(Role.EDITOR);
        assertThat(sessions.find(b)).get().extracting(Sessions.Session::role).isEqualTo(Role.VIEWER);
        assertThat(sessions.find(a).orElseThrow().csrf()).hasSize(43).isNotEqualTo(a)
                .isNotEqualTo(sessions.find(b).orElseThrow().csrf());
        assertThat(sessions.find("forged")).isEmpty();
    }

    @Test
    void useKeepsASessionAliveAndIdlenessEndsIt() {
        Sessions sessions = new Sessions(clock);
        String id = sessions.open(Role.EDITOR);
        clock.now = clock.now.plus(Sessions.IDLE).minusSeconds(1);
        assertThat(sessions.find(id)).as("used just before the idle limit").isPresent();
        clock.now = clock.now.plus(Sessions.IDLE).minusSeconds(1);
        assertThat(sessions.find(id)).as("the use above restarted the idle time").isPresent();
        clock.now = clock.now.plus(Sessions.IDLE);
        assertThat(sessions.find(id)).as("idle for the whole limit").isEmpty();
        assertThat(sessions.size()).isZero();
    }

    @Test
    void signOutEndsTheSession() {
        Sessions sessions = new Sessions(clock);
        String id = sessions.open(Role.VIEWER);
        sessions.close(id);
        assertThat(sessions.find(id)).isEmpty();
    }

    @Test
    void aFullTableDropsExpiredThenLeastRecentlyUsedSessions() {
        Sessions sessions = new Sessions(clock, 3);
        String old = sessions.open(Role.VIEWER);
        clock.now = clock.now.plus(Duration.ofMinutes(1));
        String kept = sessions.open(Role.VIEWER);
        String third = sessions.open(Role.VIEWER);
        clock.now = clock.now.plus(Duration.ofMinutes(1));
        sessions.find(kept);
        String fourth = sessions.open(Role.EDITOR);
        assertThat(sessions.size()).isEqualTo(3);
        assertThat(sessions.find(old)).as("least recently used").isEmpty();
        assertThat(sessions.find(kept)).isPresent();
        assertThat(sessions.find(third)).isPresent();
        assertThat(sessions.find(fourth)).isPresent();
    }
}
