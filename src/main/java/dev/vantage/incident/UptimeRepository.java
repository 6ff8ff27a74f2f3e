package dev.vantage.incident;

import dev.vantage.store.PulseRepository;
import dev.vantage.store.StoreException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Counts stored pulses for uptime, maintenance left out: full pulse rows plus the compact pulse store's; blocking,
 * worker threads only.
 */
public final class UptimeRepository {

    private final DataSource ds;

    private final PulseRepository packed;

    public UptimeRepository(DataSource ds) {
        this.ds = ds;
        this.packed = new PulseRepository(ds);
    }

    /**
     * Pulses of one target probed in {@code [since, until)} outside maintenance, and how many succeeded: answered,
     * and with a status below 400, as blackbox's {@code probe_success} (the {@code success} column only says the site
     * answered at all).
     */
    public record Counts(long pulses, long successes) {
    }

    public Counts count(String target, Instant since, Instant until) {
        // Read before this method takes its own connection: never hold one while waiting for another.
        long[] more = packed.uptimeCounts(target, since, until);
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT COUNT(*), "
                + "COALESCE(SUM(CASE WHEN success AND COALESCE(status, 0) < 400 THEN 1 ELSE 0 END), 0) "
                + "FROM results WHERE target = ? AND kind = 'pulse' AND maintenance = FALSE AND probed_at >= ? AND probed_at < ?")) {
            ps.setString(1, target);
            ps.setObject(2, since.atOffset(ZoneOffset.UTC));
            ps.setObject(3, until.atOffset(ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Counts(rs.getLong(1) + more[0], rs.getLong(2) + more[1]);
            }
        } catch (SQLException e) {
            throw new StoreException("counting the pulses of " + target, e);
        }
    }
}
