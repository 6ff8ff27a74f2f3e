package dev.vantage.console;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** How old a piece of evidence is, in the one largest unit a person reads at a glance ({@code 42s}, {@code 3h}). */
final class Ages {

    private Ages() {
    }

    static String since(Optional<Instant> at, Instant now) {
        return at.map(t -> since(t, now) + " ago").orElse("never");
    }

    static String since(Instant at, Instant now) {
        // A clock a little behind the database's reads as "0s", not as a negative age.
        long s = Math.max(0, Duration.between(at, now).toSeconds());
        if (s < 120) {
            return s + "s";
        }
        if (s < 2 * 3600) {
            return s / 60 + "m";
        }
        if (s < 2 * 86_400) {
            return s / 3600 + "h";
        }
        return s / 86_400 + "d";
    }
}
