package dev.vantage.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The nodes of a cluster, read from Quartz's own check-in table: a node is live while its last check-in is younger
 * than its check-in interval plus the 7.5 s Quartz itself allows before declaring it dead. Blocking.
 */
public final class ClusterMembers {

    /** Quartz's grace before a node that missed its check-in is recovered (JobStoreSupport). */
    static final long QUARTZ_GRACE_MILLIS = 7_500;
    private final DataSource ds;
    private final String schedulerName;

    public ClusterMembers(DataSource ds, String schedulerName) {
        this.ds = ds;
        this.schedulerName = schedulerName;
    }

    /** Ids of the live nodes at {@code nowMillis} (the clock Quartz checks in with), sorted. */
    public List<String> live(long nowMillis) {
        String sql = "SELECT INSTANCE_NAME FROM QRTZ_SCHEDULER_STATE WHERE SCHED_NAME = ? "
                + "AND LAST_CHECKIN_TIME + CHECKIN_INTERVAL + ? > ? ORDER BY INSTANCE_NAME";
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, schedulerName);
            ps.setLong(2, QUARTZ_GRACE_MILLIS);
            ps.setLong(3, nowMillis);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("reading the cluster's nodes", e);
        }
    }
}
