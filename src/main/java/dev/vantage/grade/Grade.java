package dev.vantage.grade;

import java.util.Arrays;
import java.util.Optional;

/**
 * Letter grades, best first, with the lowest score of each (MDN HTTP Observatory chart: the score is rounded down
 * to a multiple of 5 before looking up the letter).
 */
public enum Grade {
    A_PLUS("A+", 100), A("A", 90), A_MINUS("A-", 85), B_PLUS("B+", 80), B("B", 70), B_MINUS("B-", 65),
    C_PLUS("C+", 60), C("C", 50), C_MINUS("C-", 45), D_PLUS("D+", 40), D("D", 30), D_MINUS("D-", 25), F("F", 0);

    private final String letter;
    private final int minimumScore;

    Grade(String letter, int minimumScore) {
        this.letter = letter;
        this.minimumScore = minimumScore;
    }

    public String letter() {
        return letter;
    }

    public int minimumScore() {
        return minimumScore;
    }

    public static Grade forScore(int score) {
        int rounded = Math.max(0, score) / 5 * 5;
        for (Grade g : values()) {
            if (rounded >= g.minimumScore) {
                return g;
            }
        }
        return F;
    }

    /** Parses a letter as users type it ({@code b}, {@code A+}, {@code a-}). */
    public static Optional<Grade> parse(String text) {
        String t = text.trim().toUpperCase(java.util.Locale.ROOT);
        return Arrays.stream(values()).filter(g -> g.letter.equals(t)).findFirst();
    }

    /** True when this grade is strictly worse than {@code other}. */
    public boolean isWorseThan(Grade other) {
        return ordinal() > other.ordinal();
    }

    /** The worse of the two. */
    public Grade cappedAt(Grade cap) {
        return isWorseThan(cap) ? this : cap;
    }
}
