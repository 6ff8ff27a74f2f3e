package dev.vantage.incident;

import dev.vantage.store.StoreException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Blocking JDBC access to {@code alert_state} and {@code incidents}; worker threads only. A step is written only
 * when the state row still has the version it was computed from, so whichever node writes first records a
 * transition and every other node recomputes from what it wrote.
 */
public final class IncidentRepository {

    /** No state row yet. */
    static final long NO_ROW = -1;
    /** {@code failing_checks} of a state whose baseline is not known yet. */
    private static final String UNKNOWN = "?";

    private final DataSource ds;

    public IncidentRepository(DataSource ds) {
        this.ds = ds;
    }

    /** The state of a target as read, with the version a write must still find. */
    public record Loaded(AlertState state, long version, List<Incident> open) {
    }

    public Loaded load(String target) {
        try (Connection c = ds.getConnection()) {
            AlertState state = AlertState.INITIAL;
            long version = NO_ROW;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT version, failures, successes, failing_checks FROM alert_state WHERE target = ?")) {
                ps.setString(1, target);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        version = rs.getLong(1);
                        state = new AlertState(rs.getInt(2), rs.getInt(3), checks(rs.getString(4)));
                    }
                }
            }
            return new Loaded(state, version, query(c, "WHERE target = ? AND resolved_at IS NULL", target, 1000));
        } catch (SQLException e) {
            throw new StoreException("reading the incident state of " + target, e);
        }
    }

    /**
     * Writes the step computed from {@code before} in one transaction. Returns false, writing nothing, when another
     * writer changed the state since {@code before} was read.
     */
    public boolean apply(String target, Loaded before, IncidentRules.Step step, Instant at) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (!writeState(c, target, before.version(), step.state(), at)) {
                    c.rollback();
                    return false;
                }
                for (Incident i : step.opened()) {
                    insert(c, i);
                }
                for (Incident i : step.resolved()) {
                    resolve(c, i);
                }
                c.commit();
                return true;
            } catch (SQLException e) {
                c.rollback();
                if ("23505".equals(e.getSQLState())) {
                    return false; // another node inserted the same state row or incident first
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("recording incidents of " + target, e);
        }
    }

    private static boolean writeState(Connection c, String target, long version, AlertState s, Instant at)
            throws SQLException {
        String checks = s.failingChecks().map(set -> String.join(",", new TreeSet<>(set))).orElse(UNKNOWN);
        String sql = version == NO_ROW
                ? "INSERT INTO alert_state (failures, successes, failing_checks, updated_at, version, target) "
                + "VALUES (?, ?, ?, ?, ?, ?)"
                : "UPDATE alert_state SET failures = ?, successes = ?, failing_checks = ?, updated_at = ?, "
                + "version = ? WHERE target = ? AND version = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, s.failures());
            ps.setInt(2, s.successes());
            ps.setString(3, checks);
            ps.setObject(4, at.atOffset(ZoneOffset.UTC));
            ps.setLong(5, version == NO_ROW ? 1 : version + 1);
            ps.setString(6, target);
            if (version != NO_ROW) {
                ps.setLong(7, version);
            }
            return ps.executeUpdate() == 1;
        }
    }

    private static void insert(Connection c, Incident i) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO incidents (id, target, kind, subject, opened_at, "
                + "evidence) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, i.id());
            ps.setString(2, i.target());
            ps.setString(3, i.kind().id());
            ps.setString(4, i.subject());
            ps.setObject(5, i.openedAt().atOffset(ZoneOffset.UTC));
            ps.setString(6, i.evidence());
            ps.executeUpdate();
        }
    }

    private static void resolve(Connection c, Incident i) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE incidents SET resolved_at = ?, resolution = ? WHERE id = ? AND resolved_at IS NULL")) {
            ps.setObject(1, i.resolvedAt().orElseThrow().atOffset(ZoneOffset.UTC));
            ps.setString(2, i.resolution().orElse(""));
            ps.setString(3, i.id());
            if (ps.executeUpdate() != 1) {
                throw new SQLException("incident " + i.id() + " was resolved by another writer", "23505");
            }
        }
    }

    /** Newest first: every incident, or one target's, or only the open ones. */
    public List<Incident> list(Optional<String> target, boolean openOnly, int limit) {
        String where = "WHERE " + (target.isPresent() ? "target = ?" : "1 = 1")
                + (openOnly ? " AND resolved_at IS NULL" : "");
        try (Connection c = ds.getConnection()) {
            return query(c, where, target.orElse(null), limit);
        } catch (SQLException e) {
            throw new StoreException("listing incidents", e);
        }
    }

    private static List<Incident> query(Connection c, String where, String target, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, target, kind, subject, opened_at, resolved_at, "
                + "evidence, resolution FROM incidents " + where + " ORDER BY opened_at DESC, id")) {
            if (target != null) {
                ps.setString(1, target);
            }
            ps.setMaxRows(limit);
            List<Incident> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Incident(rs.getString(1), rs.getString(2),
                            IncidentKind.parse(rs.getString(3)).orElse(IncidentKind.DOWN), rs.getString(4),
                            rs.getObject(5, OffsetDateTime.class).toInstant(),
                            Optional.ofNullable(rs.getObject(6, OffsetDateTime.class)).map(OffsetDateTime::toInstant),
                            rs.getString(7), Optional.ofNullable(rs.getString(8))));
                }
            }
            return out;
        }
    }

    /** The target was deleted: its counters go; its incident history stays (it may still be read). */
    public void forget(String target) {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM alert_state WHERE target = ?")) {
            ps.setString(1, target);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("forgetting the incident state of " + target, e);
        }
    }

    private static Optional<Set<String>> checks(String stored) {
        if (UNKNOWN.equals(stored)) {
            return Optional.empty();
        }
        return Optional.of(stored.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(stored.split(","))));
    }
}
