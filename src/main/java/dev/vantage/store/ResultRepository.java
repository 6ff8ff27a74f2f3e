package dev.vantage.store;

import dev.vantage.probe.Phase;
import dev.vantage.probe.RunKind;
import dev.vantage.report.IdleLatency;
import dev.vantage.report.ProbeSummary;
import dev.vantage.report.Report;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Blocking JDBC access to stored results: full rows in {@code results} (audits, load runs, pulses that changed the
 * report, and every row from before the compact pulse store) and the unchanged pulses packed by
 * {@link PulseRepository}. Each pulse is stored once, in one of the two; the readers here merge both. Call it from
 * worker threads only.
 */
public final class ResultRepository {

    /** The id of a packed pulse, which has no row of its own. */
    public static final long PACKED = 0;

    private final DataSource ds;
    private final PulseRepository pulses;

    public ResultRepository(DataSource ds) {
        this.ds = ds;
        this.pulses = new PulseRepository(ds);
    }

    public PulseRepository pulses() {
        return pulses;
    }

    /** Stores one full result (an audit) with its rendered JSON; returns its id once committed. */
    public long insert(String target, Report report, String reportJson) {
        return insert(target, RunKind.AUDIT, report, Optional.of(reportJson));
    }

    /**
     * Stores one result of a run of {@code kind}: the summary columns always, the rendered report only when given
     * (a pulse that changed nothing is kept compact). Returns its id once committed.
     */
    public long insert(String target, RunKind kind, Report report, Optional<String> reportJson) {
        return insert(target, kind, report, reportJson, Optional.empty());
    }

    /**
     * As {@link #insert(String, RunKind, Report, Optional)}, naming the cluster node that produced the result, and
     * with the page's phase timings the idle latency window is read from.
     */
    public long insert(String target, RunKind kind, Report report, Optional<String> reportJson, Optional<String> node) {
        return insert(target, kind, report, reportJson, node, Optional.empty());
    }

    /**
     * As above, with the scheduled firing the run was for (empty for runs asked for through the API). A pulse without
     * a report (it changed nothing) is packed into its hour's block and gets the id {@link #PACKED}.
     */
    public long insert(String target, RunKind kind, Report report, Optional<String> reportJson, Optional<String> node,
                       Optional<Instant> scheduledAt) {
        if (kind == RunKind.PULSE && reportJson.isEmpty()) {
            pulses.append(target, packed(report, node, scheduledAt), report.scoringVersion());
            return PACKED;
        }
        String sql = "INSERT INTO results (target, probed_at, success, grade, score, duration_ms, scoring_version, "
                + "report, kind, status, ttfb_us, tls_version, cert_expiry, node, connect_us, tls_us, transfer_us, "
                + "total_us, scheduled_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            ProbeSummary p = report.probe();
            ps.setString(1, target);
            ps.setObject(2, report.startedAt().atOffset(ZoneOffset.UTC));
            ps.setBoolean(3, report.unreachable().isEmpty());
            ps.setString(4, report.grade().letter());
            ps.setInt(5, report.score());
            ps.setLong(6, report.took().toMillis());
            ps.setString(7, report.scoringVersion());
            ps.setString(8, reportJson.orElse(null));
            ps.setString(9, kind.id());
            ps.setInt(10, p.statusCode());
            ps.setLong(11, micros(p, Phase.PROCESSING));
            ps.setString(12, p.tlsVersion().orElse(null));
            ps.setObject(13, p.earliestCertExpiry().map(i -> i.atOffset(ZoneOffset.UTC)).orElse(null));
            ps.setString(14, node.orElse(null));
            ps.setLong(15, micros(p, Phase.CONNECT));
            ps.setLong(16, micros(p, Phase.TLS));
            ps.setLong(17, micros(p, Phase.TRANSFER));
            ps.setLong(18, totalMicros(p));
            ps.setObject(19, scheduledAt.map(i -> i.atOffset(ZoneOffset.UTC)).orElse(null));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                return keys.next() ? keys.getLong(1) : -1;
            }
        } catch (SQLException e) {
            throw new StoreException("storing a result of " + target, e);
        }
    }

    private static PackedPulse packed(Report report, Optional<String> node, Optional<Instant> scheduledAt) {
        ProbeSummary p = report.probe();
        return new PackedPulse(report.startedAt(), node.orElse(""), scheduledAt, report.unreachable().isEmpty(), false,
                p.statusCode(), report.grade().letter(), report.score(), report.took().toMillis(),
                micros(p, Phase.CONNECT), micros(p, Phase.TLS), micros(p, Phase.PROCESSING), micros(p, Phase.TRANSFER),
                totalMicros(p), p.tlsVersion(), p.earliestCertExpiry());
    }

    /** The sum of the phases as stored (each in whole microseconds), so a window read back adds up. */
    private static long totalMicros(ProbeSummary p) {
        return p.phases().isEmpty() ? -1
                : p.inMicros().phases().values().stream().reduce(Duration.ZERO, Duration::plus).toNanos() / 1000;
    }

    private static long micros(ProbeSummary p, Phase phase) {
        return Optional.ofNullable(p.phases().get(phase)).map(d -> d.toNanos() / 1000).orElse(-1L);
    }

    /**
     * The page timings of the target's answered runs since {@code since}, newest first, at most {@code limit}, as
     * {@link IdleLatency} phase labels (connect, tls, processing, request = processing + transfer, total): the idle
     * latency window, the same on every node of a cluster. Phases that did not happen are absent.
     */
    public List<Map<String, Duration>> recentLatencies(String target, Instant since, int limit) {
        String sql = "SELECT connect_us, tls_us, ttfb_us, transfer_us, total_us, probed_at FROM results "
                + "WHERE target = ? "
                + "AND probed_at >= ? AND status > 0 AND total_us >= 0 ORDER BY probed_at DESC, id DESC";
        List<Timed<Map<String, Duration>>> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, target);
            ps.setObject(2, since.atOffset(ZoneOffset.UTC));
            ps.setMaxRows(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Timed<>(TargetRepository.instant(rs, 6), 1, sample(column(rs, 1), column(rs, 2),
                            column(rs, 3), column(rs, 4), column(rs, 5))));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("reading the recent latencies of " + target, e);
        }
        for (PulseRepository.Stored s : pulses.newest(target, since, limit)) {
            PackedPulse p = s.pulse();
            if (p.status() > 0 && p.totalUs() >= 0) {
                out.add(new Timed<>(p.at(), PACKED, sample(p.connectUs(), p.tlsUs(), p.processingUs(),
                        p.transferUs(), p.totalUs())));
            }
        }
        return newestFirst(out, limit);
    }

    /** A stored item with when it was taken and its row id (ties at the same instant: the newer row first). */
    private record Timed<T>(Instant at, long id, T item) {
    }

    private static <T> List<T> newestFirst(List<Timed<T>> items, int limit) {
        return items.stream().sorted(java.util.Comparator.comparing((Timed<T> t) -> t.at())
                        .thenComparingLong(Timed::id).reversed())
                .limit(limit).map(Timed::item).toList();
    }

    private static Map<String, Duration> sample(long connect, long tls, long processing, long transfer, long total) {
        Map<String, Duration> sample = new java.util.LinkedHashMap<>();
        micros(connect).ifPresent(d -> sample.put(IdleLatency.CONNECT, d));
        micros(tls).ifPresent(d -> sample.put(IdleLatency.TLS, d));
        micros(processing).ifPresent(d -> sample.put(IdleLatency.PROCESSING, d));
        micros(processing).ifPresent(d -> sample.put(IdleLatency.REQUEST, d.plus(micros(transfer)
                .orElse(Duration.ZERO))));
        micros(total).ifPresent(d -> sample.put(IdleLatency.TOTAL, d));
        return sample;
    }

    private static long column(ResultSet rs, int column) throws SQLException {
        long us = rs.getLong(column);
        return rs.wasNull() ? -1 : us;
    }

    private static Optional<Duration> micros(long us) {
        return us < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(us * 1000));
    }

    /** Newest first, at most {@code limit}, probed at or after {@code since}; packed pulses have the id 0. */
    public List<ResultSummary> history(String target, Instant since, int limit) {
        String sql = "SELECT id, target, probed_at, success, grade, score, duration_ms, scoring_version, kind "
                + "FROM results WHERE target = ? AND probed_at >= ? ORDER BY probed_at DESC, id DESC";
        List<Timed<ResultSummary>> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, target);
            ps.setObject(2, since.atOffset(ZoneOffset.UTC));
            ps.setMaxRows(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ResultSummary r = new ResultSummary(rs.getLong(1), rs.getString(2), TargetRepository.instant(rs, 3),
                            rs.getBoolean(4), rs.getString(5), rs.getInt(6), rs.getLong(7), rs.getString(8),
                            RunKind.parse(rs.getString(9)).orElse(RunKind.AUDIT));
                    out.add(new Timed<>(r.probedAt(), r.id(), r));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("reading the history of " + target, e);
        }
        for (PulseRepository.Stored s : pulses.newest(target, since, limit)) {
            PackedPulse p = s.pulse();
            out.add(new Timed<>(p.at(), PACKED, new ResultSummary(PACKED, target, p.at(), p.success(), p.grade(),
                    p.score(), p.durationMs(), s.scoringVersion(), RunKind.PULSE)));
        }
        return newestFirst(out, limit);
    }

    /**
     * Every stored pulse of the target taken in {@code [since, until)}, newest first, whether a full row (it changed
     * the report, or it is older than the compact store) or packed: what uptime, the cluster's exactly-once check
     * (one pulse per target and {@code scheduledAt}) and failover (the node of each pulse) read.
     */
    public List<PackedPulse> pulses(String target, Instant since, Instant until) {
        String sql = "SELECT probed_at, node, scheduled_at, success, maintenance, status, grade, score, duration_ms, "
                + "connect_us, tls_us, ttfb_us, transfer_us, total_us, tls_version, cert_expiry, id FROM results "
                + "WHERE target = ? AND kind = 'pulse' AND probed_at >= ? AND probed_at < ?";
        List<Timed<PackedPulse>> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, target);
            ps.setObject(2, since.atOffset(ZoneOffset.UTC));
            ps.setObject(3, until.atOffset(ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Instant at = TargetRepository.instant(rs, 1);
                    out.add(new Timed<>(at, rs.getLong(17), new PackedPulse(at, Optional.ofNullable(rs.getString(2))
                            .orElse(""), Optional.ofNullable(rs.getObject(3)).map(o -> instant(rs, 3)),
                            rs.getBoolean(4), rs.getBoolean(5), rs.getInt(6), rs.getString(7), rs.getInt(8),
                            rs.getLong(9), column(rs, 10), column(rs, 11), column(rs, 12), column(rs, 13),
                            column(rs, 14), Optional.ofNullable(rs.getString(15)),
                            Optional.ofNullable(rs.getObject(16)).map(o -> instant(rs, 16)))));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("reading the pulses of " + target, e);
        }
        for (PulseRepository.Stored s : this.pulses.pulses(target, since, until)) {
            out.add(new Timed<>(s.pulse().at(), PACKED, s.pulse()));
        }
        return newestFirst(out, Integer.MAX_VALUE);
    }

    private static Instant instant(ResultSet rs, int column) {
        try {
            return TargetRepository.instant(rs, column);
        } catch (SQLException e) {
            throw new StoreException("reading a time column", e);
        }
    }

    /** The JSON report of the newest result of the target. */
    public Optional<String> latestReport(String target) {
        String sql = "SELECT report FROM results WHERE target = ? AND report IS NOT NULL "
                + "ORDER BY probed_at DESC, id DESC";
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, target);
            ps.setMaxRows(1);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("reading the latest report of " + target, e);
        }
    }

    public int count(String target) {
        // The packed pulses are read on a connection of their own, after this one is back in the pool: a caller
        // holding one connection while it waits for a second can starve the pool under load.
        int packed = pulses.newest(target, Instant.EPOCH, Integer.MAX_VALUE).size();
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM results WHERE target = ?")) {
            ps.setString(1, target);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1) + packed;
            }
        } catch (SQLException e) {
            throw new StoreException("counting results of " + target, e);
        }
    }

    /**
     * Retention: deletes results probed before {@code cutoff} and pulse blocks whose hour ended by then; returns how
     * many rows.
     */
    public int deleteOlderThan(Instant cutoff) {
        int packed = pulses.deleteOlderThan(cutoff);
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM results WHERE probed_at < ?")) {
            ps.setObject(1, cutoff.atOffset(ZoneOffset.UTC));
            return ps.executeUpdate() + packed;
        } catch (SQLException e) {
            throw new StoreException("deleting results older than " + cutoff, e);
        }
    }

    /** Deleting a target deletes its results too. */
    public int deleteTarget(String target) {
        int packed = pulses.deleteTarget(target);
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM results WHERE target = ?")) {
            ps.setString(1, target);
            return ps.executeUpdate() + packed;
        } catch (SQLException e) {
            throw new StoreException("deleting results of " + target, e);
        }
    }
}
