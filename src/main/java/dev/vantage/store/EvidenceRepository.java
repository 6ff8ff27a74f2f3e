package dev.vantage.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vantage.check.Finding;
import dev.vantage.probe.RunKind;
import dev.vantage.report.EvidenceState;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Blocking JDBC access to the per-target state of the pulse/audit/load split: the newest evidence of each kind
 * ({@code evidence_state}) and the newest composed report with the audit-trigger debounce ({@code target_state}).
 * Everything a node needs to compose a report or decide on a triggered audit is here, so any node of a cluster
 * can run any target. Call from worker threads only.
 */
public final class EvidenceRepository {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final TypeReference<List<Finding>> FINDINGS = new TypeReference<>() {
    };

    private final DataSource ds;

    public EvidenceRepository(DataSource ds) {
        this.ds = ds;
    }

    /** The newest evidence of each kind of the target; a state whose findings cannot be read is left out. */
    public Map<RunKind, EvidenceState> states(String target) {
        String sql = "SELECT kind, taken_at, findings, section, watch FROM evidence_state WHERE target = ?";
        Map<RunKind, EvidenceState> out = new EnumMap<>(RunKind.class);
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, target);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Optional<RunKind> kind = RunKind.parse(rs.getString(1));
                    Optional<List<Finding>> findings = findings(rs.getString(3));
                    if (kind.isPresent() && findings.isPresent()) {
                        out.put(kind.get(), new EvidenceState(kind.get(), TargetRepository.instant(rs, 2),
                                findings.get(), Optional.ofNullable(rs.getString(4)),
                                Optional.ofNullable(rs.getString(5))));
                    }
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("reading the evidence state of " + target, e);
        }
    }

    /** Replaces the target's state of that kind. */
    public void save(String target, EvidenceState state) {
        String json;
        try {
            json = JSON.writeValueAsString(state.findings());
        } catch (JsonProcessingException e) {
            throw new StoreException("writing findings of " + target, e);
        }
        String update = "UPDATE evidence_state SET taken_at = ?, findings = ?, section = ?, watch = ? "
                + "WHERE target = ? AND kind = ?";
        Upsert.Binder binder = ps -> {
            ps.setObject(1, state.takenAt().atOffset(ZoneOffset.UTC));
            ps.setString(2, json);
            ps.setString(3, state.section().orElse(null));
            ps.setString(4, state.watch().orElse(null));
            ps.setString(5, target);
            ps.setString(6, state.kind().id());
        };
        Upsert.run(ds, update, binder, "INSERT INTO evidence_state (taken_at, findings, section, watch, target, kind) "
                + "VALUES (?, ?, ?, ?, ?, ?)", binder, "saving the " + state.kind().id() + " state of " + target);
    }

    /**
     * The newest composed report of the target, with its grade and success, the cluster node that produced it and
     * the metric series rendered from it (what the node exporting the target's metrics shows).
     */
    public record Latest(String report, Instant at, String grade, boolean success, Optional<String> node,
                         Optional<String> series) {
        public Latest(String report, Instant at, String grade, boolean success) {
            this(report, at, grade, success, Optional.empty(), Optional.empty());
        }
    }

    /** The grade letter and success of the newest composed report, without the report itself. */
    public record Verdict(String grade, boolean success) {
    }

    /** What every pulse compares itself with: read without the report text (several KB a target). */
    public Optional<Verdict> latestVerdict(String target) {
        String sql = "SELECT grade, success FROM target_state WHERE target = ? AND report IS NOT NULL";
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, target);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Verdict(rs.getString(1), rs.getBoolean(2))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("reading the latest grade of " + target, e);
        }
    }

    public Optional<Latest> latest(String target) {
        String sql = "SELECT report, report_at, grade, success, node, series FROM target_state "
                + "WHERE target = ? AND report IS NOT NULL";
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, target);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Latest(rs.getString(1), TargetRepository.instant(rs, 2),
                        rs.getString(3), rs.getBoolean(4), Optional.ofNullable(rs.getString(5)),
                        Optional.ofNullable(rs.getString(6)))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("reading the latest report of " + target, e);
        }
    }

    /** Replaces the newest composed report, unless a newer one is already there (another node, a late run). */
    public void saveLatest(String target, Latest latest) {
        ensureRow(target);
        String sql = "UPDATE target_state SET report = ?, report_at = ?, grade = ?, success = ?, node = ?, series = ? "
                + "WHERE target = ? AND (report_at IS NULL OR report_at <= ?)";
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, latest.report());
            ps.setObject(2, latest.at().atOffset(ZoneOffset.UTC));
            ps.setString(3, latest.grade());
            ps.setBoolean(4, latest.success());
            ps.setString(5, latest.node().orElse(null));
            ps.setString(6, latest.series().orElse(null));
            ps.setString(7, target);
            ps.setObject(8, latest.at().atOffset(ZoneOffset.UTC));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("saving the latest report of " + target, e);
        }
    }

    /** Target name to the metric series stored with its newest report, for targets that still exist. */
    public Map<String, String> storedSeries() {
        String sql = "SELECT s.target, s.series FROM target_state s JOIN targets t ON t.name = s.target "
                + "WHERE s.series IS NOT NULL";
        Map<String, String> out = new java.util.HashMap<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("reading the stored metric series", e);
        }
    }

    /**
     * Claims a triggered audit: true (and the claim recorded) when no audit was triggered for the target within
     * {@code debounce} before {@code now}. One conditional update, so two nodes seeing the same change agree.
     */
    public boolean claimTriggeredAudit(String target, Instant now, Duration debounce) {
        ensureRow(target);
        String sql = "UPDATE target_state SET audit_triggered_at = ? WHERE target = ? "
                + "AND (audit_triggered_at IS NULL OR audit_triggered_at <= ?)";
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, now.atOffset(ZoneOffset.UTC));
            ps.setString(2, target);
            ps.setObject(3, now.minus(debounce).atOffset(ZoneOffset.UTC));
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("claiming a triggered audit of " + target, e);
        }
    }

    /** Deleting a target deletes its state too. */
    public void deleteTarget(String target) {
        try (Connection c = ds.getConnection()) {
            for (String table : List.of("evidence_state", "target_state")) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE target = ?")) {
                    ps.setString(1, target);
                    ps.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new StoreException("deleting the state of " + target, e);
        }
    }

    private void ensureRow(String target) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO target_state (target) SELECT ? WHERE NOT EXISTS "
                        + "(SELECT 1 FROM target_state WHERE target = ?)")) {
            ps.setString(1, target);
            ps.setString(2, target);
            ps.executeUpdate();
        } catch (SQLException e) {
            if (e.getSQLState() == null || !e.getSQLState().startsWith("23")) {
                throw new StoreException("creating the state row of " + target, e);
            }
        }
    }

    private static Optional<List<Finding>> findings(String json) {
        try {
            return Optional.of(JSON.readValue(json, FINDINGS));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
