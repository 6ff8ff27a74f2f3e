package dev.vantage.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Blocking JDBC access to the compact pulse store ({@code pulse_blocks}): one row per target, hour and node holding
 * that hour's unchanged pulses packed by {@link PulseCodec}. An append is one conditional UPDATE that concatenates
 * (atomic per row on H2 and PostgreSQL), so nothing is read back before a write. Worker threads only.
 */
public final class PulseRepository {

    private static final Duration HOUR = Duration.ofHours(1);
    /** "No upper bound", in a range every database keeps. */
    private static final Instant END = Instant.parse("9999-01-01T00:00:00Z");

    private final DataSource ds;

    public PulseRepository(DataSource ds) {
        this.ds = ds;
    }

    static Instant hourOf(Instant at) {
        return at.truncatedTo(ChronoUnit.HOURS);
    }

    /** Appends one pulse to its hour's block on its node, creating the block with the first pulse. */
    public void append(String target, PackedPulse p, String scoringVersion) {
        Instant hour = hourOf(p.at());
        byte[] bytes = PulseCodec.encode(hour, p);
        int counted = p.maintenance() ? 0 : 1;
        int up = counted == 1 && p.up() ? 1 : 0;
        // The cast keeps H2 from concatenating the bytes as text (BYTEA is a binary type name on both databases).
        // Parameters 1 to 7 are the same in both statements.
        Upsert.Binder common = ps -> {
            ps.setBytes(1, bytes);
            ps.setInt(2, counted);
            ps.setInt(3, up);
            ps.setObject(4, p.at().atOffset(ZoneOffset.UTC));
            ps.setString(5, target);
            ps.setObject(6, hour.atOffset(ZoneOffset.UTC));
            ps.setString(7, p.node());
        };
        Upsert.run(ds, "UPDATE pulse_blocks SET data = data || CAST(? AS BYTEA), pulses = pulses + 1, "
                        + "counted = counted + ?, successes = successes + ?, last_at = GREATEST(last_at, ?) "
                        + "WHERE target = ? AND hour_at = ? AND node = ?", common,
                "INSERT INTO pulse_blocks (data, pulses, counted, successes, last_at, target, hour_at, node, "
                        + "scoring_version) VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?)",
                ps -> {
                    common.bind(ps);
                    ps.setString(8, scoringVersion);
                }, "storing a pulse of " + target);
    }

    /** A packed pulse with the scoring version of the block that holds it. */
    public record Stored(PackedPulse pulse, String scoringVersion) {
    }

    /** The target's packed pulses taken in {@code [since, until)}, newest first, every node's. */
    public List<Stored> pulses(String target, Instant since, Instant until) {
        return pulses(target, since, until, Integer.MAX_VALUE);
    }

    /** The target's newest packed pulses taken at or after {@code since}, at most {@code limit}, newest first. */
    public List<Stored> newest(String target, Instant since, int limit) {
        List<Stored> out = pulses(target, since, END, limit);
        return out.size() > limit ? out.subList(0, limit) : out;
    }

    /**
     * Blocks are read newest hour first and reading stops at the end of the hour that reached {@code atLeast}
     * pulses: a history page does not decode a month.
     */
    private List<Stored> pulses(String target, Instant since, Instant until, int atLeast) {
        String sql = "SELECT hour_at, node, scoring_version, data FROM pulse_blocks WHERE target = ? AND hour_at >= ? "
                + "AND hour_at < ? ORDER BY hour_at DESC";
        List<Stored> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, target);
            ps.setObject(2, hourOf(since).atOffset(ZoneOffset.UTC));
            ps.setObject(3, until.atOffset(ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                Instant hourRead = null;
                while (rs.next()) {
                    Instant hour = TargetRepository.instant(rs, 1);
                    if (out.size() >= atLeast && !hour.equals(hourRead)) {
                        break;
                    }
                    hourRead = hour;
                    String version = rs.getString(3);
                    for (PackedPulse p : PulseCodec.decode(hour, rs.getString(2), rs.getBytes(4))) {
                        if (!p.at().isBefore(since) && p.at().isBefore(until)) {
                            out.add(new Stored(p, version));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new StoreException("reading the pulses of " + target, e);
        }
        out.sort(Comparator.comparing((Stored s) -> s.pulse().at()).reversed());
        return out;
    }

    /** When the target's newest packed pulse was taken (on any node). */
    public Optional<Instant> newest(String target) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT MAX(last_at) FROM pulse_blocks WHERE target = ?")) {
            ps.setString(1, target);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getObject(1) != null ? Optional.of(TargetRepository.instant(rs, 1))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("reading the newest pulse of " + target, e);
        }
    }

    /**
     * Packed pulses in {@code [since, until)} outside maintenance, and how many were up: whole hours are summed from
     * the block counters, only the partial hours at either end are decoded.
     */
    public long[] uptimeCounts(String target, Instant since, Instant until) {
        Instant firstWhole = hourOf(since).equals(since) ? since : hourOf(since).plus(HOUR);
        Instant endWhole = hourOf(until);
        long pulses = 0;
        long up = 0;
        List<Stored> edges = new ArrayList<>();
        if (!firstWhole.isBefore(endWhole)) {
            edges.addAll(pulses(target, since, until));
        } else {
            try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "SELECT COALESCE(SUM(counted), 0), COALESCE(SUM(successes), 0) FROM pulse_blocks "
                            + "WHERE target = ? AND hour_at >= ? AND hour_at < ?")) {
                ps.setString(1, target);
                ps.setObject(2, firstWhole.atOffset(ZoneOffset.UTC));
                ps.setObject(3, endWhole.atOffset(ZoneOffset.UTC));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    pulses += rs.getLong(1);
                    up += rs.getLong(2);
                }
            } catch (SQLException e) {
                throw new StoreException("counting the pulses of " + target, e);
            }
            edges.addAll(pulses(target, since, firstWhole));
            edges.addAll(pulses(target, endWhole, until));
        }
        for (Stored s : edges) {
            if (!s.pulse().maintenance()) {
                pulses++;
                up += s.pulse().up() ? 1 : 0;
            }
        }
        return new long[] {pulses, up};
    }

    /**
     * Marks the packed pulse of {@code target} taken at {@code at} (within a millisecond) as run in maintenance. The
     * block is rewritten only if no pulse was appended meanwhile (else read again): rare, maintenance windows only.
     */
    public void markMaintenance(String target, Instant at) {
        Instant hour = hourOf(at);
        for (int attempt = 0; attempt < 3; attempt++) {
            try (Connection c = ds.getConnection(); PreparedStatement read = c.prepareStatement(
                    "SELECT node, data, pulses FROM pulse_blocks WHERE target = ? AND hour_at = ?")) {
                read.setString(1, target);
                read.setObject(2, hour.atOffset(ZoneOffset.UTC));
                boolean clean = true;
                try (ResultSet rs = read.executeQuery()) {
                    while (rs.next()) {
                        clean &= rewrite(c, target, hour, rs.getString(1), rs.getBytes(2), rs.getInt(3), at);
                    }
                }
                if (clean) {
                    return;
                }
            } catch (SQLException e) {
                throw new StoreException("marking a maintenance pulse of " + target, e);
            }
        }
    }

    private static boolean rewrite(Connection c, String target, Instant hour, String node, byte[] data, int count,
                                   Instant at) throws SQLException {
        List<PackedPulse> pulses = PulseCodec.decode(hour, node, data);
        if (pulses.stream().noneMatch(p -> near(p, at) && !p.maintenance())) {
            return true;
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(data.length);
        int counted = 0;
        int up = 0;
        for (PackedPulse p : pulses) {
            PackedPulse q = near(p, at) ? p.inMaintenance() : p;
            bytes.writeBytes(PulseCodec.encode(hour, q));
            counted += q.maintenance() ? 0 : 1;
            up += !q.maintenance() && q.up() ? 1 : 0;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE pulse_blocks SET data = ?, counted = ?, successes = ? "
                + "WHERE target = ? AND hour_at = ? AND node = ? AND pulses = ?")) {
            ps.setBytes(1, bytes.toByteArray());
            ps.setInt(2, counted);
            ps.setInt(3, up);
            ps.setString(4, target);
            ps.setObject(5, hour.atOffset(ZoneOffset.UTC));
            ps.setString(6, node);
            ps.setInt(7, count);
            return ps.executeUpdate() == 1;
        }
    }

    private static boolean near(PackedPulse p, Instant at) {
        return Duration.between(p.at(), at).abs().compareTo(Duration.ofMillis(1)) < 0;
    }

    /** Retention removes whole hours: a pulse is kept until its hour has ended before {@code cutoff}. */
    public int deleteOlderThan(Instant cutoff) {
        return delete("DELETE FROM pulse_blocks WHERE hour_at < ?", ps ->
                ps.setObject(1, hourOf(cutoff).atOffset(ZoneOffset.UTC)), "deleting old pulses");
    }

    public int deleteTarget(String target) {
        return delete("DELETE FROM pulse_blocks WHERE target = ?", ps -> ps.setString(1, target),
                "deleting the pulses of " + target);
    }

    private int delete(String sql, Upsert.Binder binder, String what) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException(what, e);
        }
    }
}
