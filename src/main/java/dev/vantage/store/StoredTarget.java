package dev.vantage.store;

import dev.vantage.config.TargetSpec;

import java.time.Instant;

/** A target as kept in the database, with where it came from. */
public record StoredTarget(TargetSpec spec, Source source, Instant createdAt, Instant updatedAt) {

    /** The config file owns the targets it names; the API owns the rest. */
    public enum Source {
        FILE, API;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
