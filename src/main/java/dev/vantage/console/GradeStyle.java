package dev.vantage.console;

import java.util.Locale;

/** The colour family of a grade letter, shared by the pages (a CSS class) and the badge (a fill colour). */
public enum GradeStyle {
    A("#2e7d32"), B("#558b2f"), C("#9a6b00"), D("#c4511a"), F("#c62828"), NONE("#616161");

    private final String colour;

    GradeStyle(String colour) {
        this.colour = colour;
    }

    /** {@code A+}, {@code B-}, ... by their letter; anything else (no result yet) is {@link #NONE}. */
    public static GradeStyle of(String grade) {
        if (grade == null || grade.isEmpty()) {
            return NONE;
        }
        return switch (grade.charAt(0)) {
            case 'A' -> A;
            case 'B' -> B;
            case 'C' -> C;
            case 'D' -> D;
            case 'F' -> F;
            default -> NONE;
        };
    }

    public String cssClass() {
        return "grade-" + name().toLowerCase(Locale.ROOT);
    }

    /** Darker than shields' defaults so white text keeps a 4.5:1 contrast. */
    public String colour() {
        return colour;
    }
}
