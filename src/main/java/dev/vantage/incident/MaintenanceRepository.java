package dev.vantage.incident;

import dev.vantage.store.PulseRepository;
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

/**
 * Blocking JDBC access to maintenance windows started through the API, and to the maintenance mark of pulse rows;
 * worker threads only. Stored, so every node of a cluster honours a window whichever node was asked.
 */
public final class MaintenanceRepository {

    private final DataSource ds;

    public MaintenanceRepository(DataSource ds) {
        this.ds = ds;
    }

    /** A window from the API: {@code targets} empty means every target. */
    public record Window(long id, List<String> targets, Instant startsAt, Instant endsAt, String reason) {
        public Window {
            targets = List.copyOf(targets);
        }

        public boolean covers(String target, Instant at) {
            return (targets.isEmpty() || targets.contains(target)) && !at.isBefore(startsAt) && at.isBefore(endsAt);
        }
    }

    public Window start(List<String> targets, Instant startsAt, Instant endsAt, String reason) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO "
                + "maintenance_windows (targets, starts_at, ends_at, reason) VALUES (?, ?, ?, ?)",
                java.sql.Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, String.join(",", targets));
            ps.setObject(2, startsAt.atOffset(ZoneOffset.UTC));
            ps.setObject(3, endsAt.atOffset(ZoneOffset.UTC));
            ps.setString(4, reason);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return new Window(keys.getLong(1), targets, startsAt, endsAt, reason);
            }
        } catch (SQLException e) {
            throw new StoreException("starting a maintenance window", e);
        }
    }

    /**
     * Ends window {@code id} at {@code at} if it is still running then; the window as it now stands, or empty when
     * there is no such window or it had already ended (a conditional update, so two nodes ending it agree).
     */
    public Optional<Window> end(long id, Instant at) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("UPDATE "
                + "maintenance_windows SET ends_at = ? WHERE id = ? AND ends_at > ?")) {
            ps.setObject(1, at.atOffset(ZoneOffset.UTC));
            ps.setLong(2, id);
            ps.setObject(3, at.atOffset(ZoneOffset.UTC));
            if (ps.executeUpdate() == 0) {
                return Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("ending maintenance window " + id, e);
        }
        return window(id);
    }

    private Optional<Window> window(long id) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT id, targets, "
                + "starts_at, ends_at, reason FROM maintenance_windows WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(window(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("reading maintenance window " + id, e);
        }
    }

    private static Window window(ResultSet rs) throws SQLException {
        String t = rs.getString(2);
        return new Window(rs.getLong(1), t.isEmpty() ? List.of() : Arrays.asList(t.split(",")),
                rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getObject(4, OffsetDateTime.class).toInstant(),
                rs.getString(5));
    }

    /** Windows that have not ended at {@code at}, soonest ending first. */
    public List<Window> current(Instant at) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT id, targets, "
                + "starts_at, ends_at, reason FROM maintenance_windows WHERE ends_at > ? ORDER BY ends_at, id")) {
            ps.setObject(1, at.atOffset(ZoneOffset.UTC));
            List<Window> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(window(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("reading maintenance windows", e);
        }
    }

    /**
     * Marks the pulse row of {@code target} taken at {@code probedAt} as run in maintenance, so uptime leaves it
     * out (a full row, else the packed pulse). The row is matched within a millisecond: databases keep microseconds, an {@code Instant} may hold more.
     */
    public void markPulse(String target, Instant probedAt) {
        int marked;
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("UPDATE results SET "
                + "maintenance = TRUE WHERE target = ? AND kind = 'pulse' AND probed_at >= ? AND probed_at < ?")) {
            ps.setString(1, target);
            ps.setObject(2, probedAt.minusMillis(1).atOffset(ZoneOffset.UTC));
            ps.setObject(3, probedAt.plusMillis(1).atOffset(ZoneOffset.UTC));
            marked = ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("marking a maintenance pulse of " + target, e);
        }
        if (marked == 0) {
            // Not a full row: the pulse was packed (read on a connection of its own, this one is back in the pool).
            new PulseRepository(ds).markMaintenance(target, probedAt);
        }
    }

}
