package dev.vantage.store;

import java.util.Optional;

/** The databases Vantage runs on, each with its migrations folder and Quartz driver delegate. */
public enum Dialect {
    H2("h2", "org.quartz.impl.jdbcjobstore.StdJDBCDelegate"),
    POSTGRESQL("postgresql", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");

    private final String folder;
    private final String quartzDelegate;

    Dialect(String folder, String quartzDelegate) {
        this.folder = folder;
        this.quartzDelegate = quartzDelegate;
    }

    public static Optional<Dialect> of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return Optional.of(H2);
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return Optional.of(POSTGRESQL);
        }
        return Optional.empty();
    }

    /** Flyway location of the vendor-specific migrations (Quartz's own DDL differs per database). */
    public String migrations() {
        return "classpath:db/migration/" + folder;
    }

    public String quartzDelegate() {
        return quartzDelegate;
    }
}
