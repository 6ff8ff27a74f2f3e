package dev.vantage.config;

import java.util.Locale;
import java.util.Optional;

/** What an API token may do: viewers read, editors also write targets, admins do everything. */
public enum Role {
    VIEWER, EDITOR, ADMIN;

    public boolean permits(Role required) {
        return ordinal() >= required.ordinal();
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> parse(String text) {
        for (Role r : values()) {
            if (r.id().equals(text)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
