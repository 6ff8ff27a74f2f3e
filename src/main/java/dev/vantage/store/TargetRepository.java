package dev.vantage.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vantage.config.TargetParser;
import dev.vantage.config.TargetSpec;
import dev.vantage.config.UnusableTargetException;
import dev.vantage.probe.load.Ownership;

import javax.sql.DataSource;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Blocking JDBC access to the {@code targets} table; call it from worker threads only. */
public final class TargetRepository {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final DataSource ds;
    /** Rows are read with the trust of whoever wrote them: only a file target's header references resolve. */
    private static final TargetParser FILE_ROWS = TargetParser.forStored(TargetSpec.Origin.CONFIG_FILE);
    private static final TargetParser API_ROWS = TargetParser.forStored(TargetSpec.Origin.API);

    public TargetRepository(DataSource ds) {
        this.ds = ds;
    }

    /** Inserts a new target; false when the name is taken (the insert is then not done). */
    public boolean insert(TargetSpec spec, StoredTarget.Source source) {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "INSERT INTO targets (name, spec, source, created_at, updated_at, verification_token) "
                             + "SELECT ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM targets WHERE name = ?)")) {
            OffsetDateTime now = now();
            ps.setString(1, spec.name());
            ps.setString(2, json(spec));
            ps.setString(3, source.id());
            ps.setObject(4, now);
            ps.setObject(5, now);
            ps.setString(6, Ownership.newToken());
            ps.setString(7, spec.name());
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                return false; // a concurrent insert won the primary key
            }
            throw new StoreException("inserting target " + spec.name(), e);
        }
    }

    /**
     * Stores many targets of one source in one transaction (the config file at start): new ones inserted, changed
     * specs updated, unchanged rows left alone, in JDBC batches. 10,000 targets one statement and commit each took
     * most of the start's time (docs/scale.md). Returns how many rows were written.
     */
    public int storeAll(List<TargetSpec> specs, StoredTarget.Source source) {
        Map<String, String> stored = new java.util.HashMap<>();
        for (StoredTarget t : all()) {
            stored.put(t.spec().name(), json(t.spec()));
        }
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO targets (name, spec, source, created_at, "
                    + "updated_at, verification_token) VALUES (?, ?, ?, ?, ?, ?)");
                 PreparedStatement update = c.prepareStatement(
                         "UPDATE targets SET spec = ?, source = ?, updated_at = ? WHERE name = ?")) {
                OffsetDateTime now = now();
                int written = 0;
                for (TargetSpec spec : specs) {
                    String json = json(spec);
                    String before = stored.get(spec.name());
                    if (before == null) {
                        insert.setString(1, spec.name());
                        insert.setString(2, json);
                        insert.setString(3, source.id());
                        insert.setObject(4, now);
                        insert.setObject(5, now);
                        insert.setString(6, Ownership.newToken());
                        insert.addBatch();
                        written++;
                    } else if (!before.equals(json)) {
                        update.setString(1, json);
                        update.setString(2, source.id());
                        update.setObject(3, now);
                        update.setString(4, spec.name());
                        update.addBatch();
                        written++;
                    }
                }
                insert.executeBatch();
                update.executeBatch();
                c.commit();
                return written;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            // Another node storing the same file at the same time won a key: the caller falls back to one by one.
            throw new StoreException("storing " + specs.size() + " targets", e);
        }
    }

    /** Replaces the spec of an existing target; false when there is none. */
    public boolean update(TargetSpec spec, StoredTarget.Source source) {
        return execute("UPDATE targets SET spec = ?, source = ?, updated_at = ? WHERE name = ?", ps -> {
            ps.setString(1, json(spec));
            ps.setString(2, source.id());
            ps.setObject(3, now());
            ps.setString(4, spec.name());
        }) == 1;
    }

    public boolean delete(String name) {
        return execute("DELETE FROM targets WHERE name = ?", ps -> ps.setString(1, name)) == 1;
    }

    /**
     * The ownership token of a target (docs/load.md); empty when there is no such target. Targets stored before
     * tokens existed get one here, once: the conditional update makes concurrent first reads agree.
     */
    public Optional<String> verificationToken(String name) {
        Optional<Optional<String>> stored = readToken(name);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        if (stored.get().isPresent()) {
            return stored.get();
        }
        execute("UPDATE targets SET verification_token = ? WHERE name = ? AND verification_token IS NULL", ps -> {
            ps.setString(1, Ownership.newToken());
            ps.setString(2, name);
        });
        return readToken(name).flatMap(t -> t);
    }

    /** Replaces the token of a target (the old one stops proving anything); false when there is no target. */
    public boolean rotateVerificationToken(String name) {
        return execute("UPDATE targets SET verification_token = ? WHERE name = ?", ps -> {
            ps.setString(1, Ownership.newToken());
            ps.setString(2, name);
        }) == 1;
    }

    /** Empty: no target; present and empty: a target without a token yet. */
    private Optional<Optional<String>> readToken(String name) {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT verification_token FROM targets WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(Optional.ofNullable(rs.getString(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("reading the verification token of " + name, e);
        }
    }

    /** Whether the target is stored, without reading (and parsing) its definition. */
    public boolean exists(String name) {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT 1 FROM targets WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new StoreException("looking up target " + name, e);
        }
    }

    public Optional<StoredTarget> find(String name) {
        List<StoredTarget> found = query("SELECT name, spec, source, created_at, updated_at FROM targets WHERE name = ?",
                name);
        return found.stream().findFirst();
    }

    public List<StoredTarget> all() {
        return query("SELECT name, spec, source, created_at, updated_at FROM targets ORDER BY name", null);
    }

    private List<StoredTarget> query(String sql, String name) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (name != null) {
                ps.setString(1, name);
            }
            List<StoredTarget> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    var source = StoredTarget.Source.valueOf(rs.getString(3).toUpperCase(java.util.Locale.ROOT));
                    out.add(new StoredTarget(spec(rs.getString(2), rs.getString(1), source), source,
                            instant(rs, 4), instant(rs, 5)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("reading targets", e);
        }
    }

    private static TargetSpec spec(String json, String name, StoredTarget.Source source) {
        List<String> problems = new ArrayList<>();
        TargetParser parser = source == StoredTarget.Source.FILE ? FILE_ROWS : API_ROWS;
        try {
            return parser.parse(JSON.readTree(json), name, problems).orElseThrow(() -> new UnusableTargetException(
                    name, "its stored definition is no longer valid: " + String.join("; ", problems)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new StoreException("stored target " + name + " is not JSON", e);
        }
    }

    private static String json(TargetSpec spec) {
        try {
            return JSON.writeValueAsString(TargetParser.toJson(spec, JSON));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int execute(String sql, Binder binder) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException(sql, e);
        }
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    /** Sets the parameters of a statement. */
    interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }
}
