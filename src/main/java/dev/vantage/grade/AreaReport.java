package dev.vantage.grade;

import dev.vantage.check.Area;
import dev.vantage.grade.Grade;

import java.util.Optional;

/** The grade of one checklist area, or the plain reason it has none. */
public record AreaReport(Area area, Status status, Optional<Grade> grade, Optional<Integer> score) {

    /** Whether and why an area carries a grade. */
    public enum Status {
        GRADED("graded"),
        /** The area cannot be observed by an external probe (backups, code quality...). */
        NOT_GRADED_FROM_OUTSIDE("not graded from outside"),
        /** The area can be observed, but no check of it ran (its probes are not enabled or not built yet). */
        NOT_MEASURED("not measured in this run");

        private final String text;

        Status(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }
}
