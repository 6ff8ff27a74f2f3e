package dev.vantage.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Blocking JDBC access to {@code console_sessions}; worker threads only. Rows are keyed by a digest of the session
 * id, never the id itself; what a session means (roles, idle limit, bound) is {@code console.Sessions}' business.
 */
public final class SessionRepository {

    /** One stored session: the role's name, the CSRF token of its forms, when it was last used. */
    public record Row(String role, String csrf, Instant lastUsed) {
    }

    private final DataSource ds;

    public SessionRepository(DataSource ds) {
        this.ds = ds;
    }

    public void insert(String digest, Row row) {
        update("opening a console session", "INSERT INTO console_sessions (id_digest, role, csrf, last_used) "
                + "VALUES (?, ?, ?, ?)", ps -> {
                    ps.setString(1, digest);
                    ps.setString(2, row.role());
                    ps.setString(3, row.csrf());
                    ps.setObject(4, row.lastUsed().atOffset(ZoneOffset.UTC));
                });
    }

    public Optional<Row> find(String digest) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT role, csrf, last_used FROM console_sessions WHERE id_digest = ?")) {
            ps.setString(1, digest);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Row(rs.getString(1), rs.getString(2), TargetRepository.instant(rs, 3)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("reading a console session", e);
        }
    }

    public void touch(String digest, Instant at) {
        update("marking a console session used", "UPDATE console_sessions SET last_used = ? WHERE id_digest = ?",
                ps -> {
                    ps.setObject(1, at.atOffset(ZoneOffset.UTC));
                    ps.setString(2, digest);
                });
    }

    public void delete(String digest) {
        update("ending a console session", "DELETE FROM console_sessions WHERE id_digest = ?",
                ps -> ps.setString(1, digest));
    }

    /** Deletes the sessions last used at or before {@code cutoff}; returns how many. */
    public int deleteUnusedSince(Instant cutoff) {
        return update("ending idle console sessions", "DELETE FROM console_sessions WHERE last_used <= ?",
                ps -> ps.setObject(1, cutoff.atOffset(ZoneOffset.UTC)));
    }

    /** Deletes the {@code n} least recently used sessions. */
    public int deleteLeastRecentlyUsed(int n) {
        return update("ending the oldest console sessions", "DELETE FROM console_sessions WHERE id_digest IN "
                + "(SELECT id_digest FROM console_sessions ORDER BY last_used, id_digest LIMIT ?)",
                ps -> ps.setInt(1, n));
    }

    public int count() {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM console_sessions"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new StoreException("counting console sessions", e);
        }
    }

    private int update(String what, String sql, TargetRepository.Binder binder) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException(what, e);
        }
    }
}
