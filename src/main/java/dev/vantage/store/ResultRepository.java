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

/** Blocking JDBC access to the {@code results} table; call it from worker threads only. */
public final class ResultRepository {

    private final DataSource ds;

    public ResultRepository(DataSource ds) {
        this.ds = ds;
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

    /** As above, with the scheduled firing the run was for (empty for runs asked for through the API). */
    public long insert(String target, RunKind kind, Report report, Optional<String> reportJson, Optional<String> node,
                       Optional<Instant> scheduledAt) {
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
            // The sum of the phases as stored (each in whole microseconds), so a window read back adds up.
            ps.setLong(18, p.phases().isEmpty() ? -1
                    : p.inMicros().phases().values().stream().reduce(Duration.ZERO, Duration::plus).toNanos() / 1000);
            ps.setObject(19, scheduledAt.map(i -> i.atOffset(ZoneOffset.UTC)).orElse(null));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                return keys.next() ? keys.getLong(1) : -1;
            }
        } catch (SQLException e) {
            throw new StoreException("storing a result of " + target, e);
        }
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
        String sql = "SELECT connect_us, tls_us, ttfb_us, transfer_us, total_us FROM results WHERE target = ? "
                + "AND probed_at >= ? AND status > 0 AND total_us >= 0 ORDER BY probed_at DESC, id DESC";
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, target);
            ps.setObject(2, since.atOffset(ZoneOffset.UTC));
            ps.setMaxRows(limit);
            List<Map<String, Duration>> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Duration> sample = new java.util.LinkedHashMap<>();
                    micros(rs, 1).ifPresent(d -> sample.put(IdleLatency.CONNECT, d));
                    micros(rs, 2).ifPresent(d -> sample.put(IdleLatency.TLS, d));
                    Optional<Duration> processing = micros(rs, 3);
                    processing.ifPresent(d -> sample.put(IdleLatency.PROCESSING, d));
                    processing.ifPresent(d -> sample.put(IdleLatency.REQUEST, d.plus(micros(rs, 4)
                            .orElse(Duration.ZERO))));
                    micros(rs, 5).ifPresent(d -> sample.put(IdleLatency.TOTAL, d));
                    out.add(sample);
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("reading the recent latencies of " + target, e);
        }
    }

    private static Optional<Duration> micros(ResultSet rs, int column) {
        try {
            long us = rs.getLong(column);
            return rs.wasNull() || us < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(us * 1000));
        } catch (SQLException e) {
            throw new StoreException("reading a latency column", e);
        }
    }

    /** Newest first, at most {@code limit}, probed at or after {@code since}. */
    public List<ResultSummary> history(String target, Instant since, int limit) {
        String sql = "SELECT id, target, probed_at, success, grade, score, duration_ms, scoring_version, kind FROM results "
                + "WHERE target = ? AND probed_at >= ? ORDER BY probed_at DESC, id DESC";
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, target);
            ps.setObject(2, since.atOffset(ZoneOffset.UTC));
            ps.setMaxRows(limit);
            List<ResultSummary> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ResultSummary(rs.getLong(1), rs.getString(2), TargetRepository.instant(rs, 3),
                            rs.getBoolean(4), rs.getString(5), rs.getInt(6), rs.getLong(7), rs.getString(8),
                            RunKind.parse(rs.getString(9)).orElse(RunKind.AUDIT)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("reading the history of " + target, e);
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
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM results WHERE target = ?")) {
            ps.setString(1, target);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new StoreException("counting results of " + target, e);
        }
    }

    /** Retention: deletes results probed before {@code cutoff}; returns how many. */
    public int deleteOlderThan(Instant cutoff) {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM results WHERE probed_at < ?")) {
            ps.setObject(1, cutoff.atOffset(ZoneOffset.UTC));
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("deleting results older than " + cutoff, e);
        }
    }

    /** Deleting a target deletes its results too. */
    public int deleteTarget(String target) {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM results WHERE target = ?")) {
            ps.setString(1, target);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("deleting results of " + target, e);
        }
    }
}
