package dev.vantage.store;

import dev.vantage.config.VantageConfig;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Prints every stored pulse taken in {@code [from, to)} as {@code target,epoch-millis} lines, full rows and packed
 * alike: the scale benchmark's start-lag and missed-pulse figures read it (bench/scale/run.sh), as SQL cannot read the
 * packed layout. Usage: {@code java -cp vantage.jar dev.vantage.store.PulseExport JDBC-URL USER|- FROM TO}.
 */
public final class PulseExport {

    private PulseExport() {
    }

    public static void main(String[] args) throws SQLException {
        if (args.length != 4) {
            System.err.println("usage: PulseExport JDBC-URL USER|- FROM-ISO-INSTANT TO-ISO-INSTANT");
            System.exit(2);
        }
        Optional<String> user = args[1].equals("-") ? Optional.empty() : Optional.of(args[1]);
        try (Database db = Database.open(new VantageConfig.Storage(args[0], user, Optional.empty(),
                VantageConfig.Storage.DEFAULT_RETENTION, false))) {
            export(db, Instant.parse(args[2]), Instant.parse(args[3]), System.out);
        }
    }

    static void export(Database db, Instant from, Instant to, PrintStream out) throws SQLException {
        List<String> targets = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT name FROM targets"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                targets.add(rs.getString(1));
            }
        }
        ResultRepository results = new ResultRepository(db.dataSource());
        for (String target : targets) {
            for (PackedPulse p : results.pulses(target, from, to)) {
                out.println(target + "," + p.at().toEpochMilli());
            }
        }
    }
}
