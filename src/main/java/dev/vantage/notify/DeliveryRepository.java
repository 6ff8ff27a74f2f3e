package dev.vantage.notify;

import dev.vantage.store.StoreException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code notification_attempts} table; writes run on a worker thread. */
public final class DeliveryRepository implements DeliveryLog {

    private final Vertx vertx;
    private final DataSource ds;

    public DeliveryRepository(Vertx vertx, DataSource ds) {
        this.vertx = vertx;
        this.ds = ds;
    }

    @Override
    public Future<Void> record(Attempt a) {
        return vertx.executeBlocking(() -> {
            insert(a);
            return null;
        }, false);
    }

    void insert(Attempt a) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO "
                + "notification_attempts (incident_id, event, channel, attempt, attempted_at, success, status, error) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, a.incidentId());
            ps.setString(2, a.event().id());
            ps.setString(3, a.channel());
            ps.setInt(4, a.attempt());
            ps.setObject(5, a.at().atOffset(ZoneOffset.UTC));
            ps.setBoolean(6, a.success());
            if (a.status().isPresent()) {
                ps.setInt(7, a.status().get());
            } else {
                ps.setNull(7, Types.INTEGER);
            }
            ps.setString(8, a.error().orElse(null));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("recording a notification attempt for " + a.incidentId(), e);
        }
    }

    /** Every attempt for an incident, oldest first; blocking. */
    public List<Attempt> attempts(String incidentId) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT event, channel, "
                + "attempt, attempted_at, success, status, error FROM notification_attempts WHERE incident_id = ? "
                + "ORDER BY id")) {
            ps.setString(1, incidentId);
            List<Attempt> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int status = rs.getInt(6);
                    Optional<Integer> st = rs.wasNull() ? Optional.empty() : Optional.of(status);
                    out.add(new Attempt(incidentId, Notification.Event.valueOf(rs.getString(1).toUpperCase(
                            java.util.Locale.ROOT)), rs.getString(2), rs.getInt(3),
                            rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getBoolean(5), st,
                            Optional.ofNullable(rs.getString(7))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("reading notification attempts of " + incidentId, e);
        }
    }
}
