package dev.vantage.check;

/** An area of the production-readiness checklist. Some cannot be seen from outside and are never graded. */
public enum Area {
    SECURITY("Security", true),
    RELIABILITY("Reliability", true),
    PERFORMANCE("Performance", true),
    OBSERVABILITY("Observability", true),
    DATA_AND_RECOVERY("Data and recovery", false),
    MAINTAINABILITY("Maintainability", false),
    LAUNCH_READINESS("Launch readiness", false);

    private final String title;
    private final boolean observableFromOutside;

    Area(String title, boolean observableFromOutside) {
        this.title = title;
        this.observableFromOutside = observableFromOutside;
    }

    public String title() {
        return title;
    }

    /** False for areas an external probe cannot see: reports say "not graded from outside" instead of guessing. */
    public boolean observableFromOutside() {
        return observableFromOutside;
    }

    /** Lower-case id used in JSON and metrics labels ({@code security}, {@code data_and_recovery}). */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
