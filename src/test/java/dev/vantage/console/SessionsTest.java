package dev.vantage.console;

import dev.vantage.config.Role;
import dev.vantage.config.VantageConfig;
import dev.vantage.store.Database;
import dev.vantage.store.SessionRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session table on a real (H2 file) database: random ids, idle expiry on an injected clock, sign-out, its bound,
 * and sessions shared by two nodes and kept across a restart.
 */
class SessionsTest {

    @TempDir
    Path dir;
    private Database db;

    @BeforeEach
    void open() {
        db = Database.open(storage());
    }

    @AfterEach
    void close() {
        db.close();
    }

    private VantageConfig.Storage storage() {
        return new VantageConfig.Storage("jdbc:h2:file:" + dir.resolve("sessions").toAbsolutePath(), Optional.empty(),
                Optional.empty(), Duration.ofDays(30), false);
    }

    private Sessions sessions(int max) {
        return new Sessions(new SessionRepository(db.dataSource()), clock, max);
    }

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
        Sessions sessions = sessions(Sessions.MAX);
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
        Sessions sessions = sessions(Sessions.MAX);
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
        Sessions sessions = sessions(Sessions.MAX);
        String id = sessions.open(Role.VIEWER);
        sessions.close(id);
        assertThat(sessions.find(id)).isEmpty();
    }

    @Test
    void aFullTableDropsExpiredThenLeastRecentlyUsedSessions() {
        Sessions sessions = sessions(3);
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

    @Test
    void aSessionOpenedOnOneNodeIsKnownToAnotherAndSurvivesARestart() {
        Sessions nodeA = sessions(Sessions.MAX);
        Sessions nodeB = sessions(Sessions.MAX);
        String id = nodeA.open(Role.EDITOR);
        String csrf = nodeB.find(id).orElseThrow().csrf();
        assertThat(nodeB.find(id)).get().extracting(Sessions.Session::role).isEqualTo(Role.EDITOR);
        db.close();
        db = Database.open(storage());
        Sessions restarted = sessions(Sessions.MAX);
        assertThat(restarted.find(id)).as("after a restart").get().extracting(Sessions.Session::csrf).isEqualTo(csrf);
        nodeB = sessions(Sessions.MAX);
        nodeB.close(id);
        assertThat(restarted.find(id)).as("signed out on the other node").isEmpty();
    }

    @Test
    void theDatabaseHoldsOnlyADigestOfTheSessionId() throws Exception {
        String id = sessions(Sessions.MAX).open(Role.VIEWER);
        try (var c = db.dataSource().getConnection(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT id_digest, csrf FROM console_sessions")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isNotEqualTo(id).doesNotContain(id).hasSize(44);
            assertThat(rs.getString(2)).isNotEqualTo(id);
        }
    }
}
