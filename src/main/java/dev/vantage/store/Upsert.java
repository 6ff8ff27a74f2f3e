package dev.vantage.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Update, else insert; a concurrent insert that wins the key is followed by the update again. Portable SQL. */
final class Upsert {

    interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private Upsert() {
    }

    static void run(DataSource ds, String update, Binder bindUpdate, String insert, Binder bindInsert, String what) {
        try (Connection c = ds.getConnection()) {
            for (int attempt = 0; attempt < 2; attempt++) {
                try (PreparedStatement ps = c.prepareStatement(update)) {
                    bindUpdate.bind(ps);
                    if (ps.executeUpdate() == 1) {
                        return;
                    }
                }
                try (PreparedStatement ps = c.prepareStatement(insert)) {
                    bindInsert.bind(ps);
                    ps.executeUpdate();
                    return;
                } catch (SQLException e) {
                    if (e.getSQLState() == null || !e.getSQLState().startsWith("23")) {
                        throw e;
                    }
                }
            }
        } catch (SQLException e) {
            throw new StoreException(what, e);
        }
    }
}
