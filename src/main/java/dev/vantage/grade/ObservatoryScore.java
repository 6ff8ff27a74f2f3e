package dev.vantage.grade;

import java.util.Collection;

/**
 * The MDN HTTP Observatory arithmetic: start at 100, add every negative modifier; add the positive ones (extra
 * credit) only when that uncurved score is already an A (90 or more); never below 0, no upper cap.
 */
public final class ObservatoryScore {

    /** Every site starts here. */
    public static final int BASELINE = 100;
    /** Extra credit is added only when the score without it reaches this (the Observatory's A). */
    public static final int EXTRA_CREDIT_FROM = 90;

    private ObservatoryScore() {
    }

    /** The score of a set of modifiers (one per finding, duplicates count). */
    public static int of(Collection<Integer> modifiers) {
        int uncurved = BASELINE;
        int extraCredit = 0;
        for (int m : modifiers) {
            if (m < 0) {
                uncurved += m;
            } else {
                extraCredit += m;
            }
        }
        int score = uncurved >= EXTRA_CREDIT_FROM ? uncurved + extraCredit : uncurved;
        return Math.max(0, score);
    }
}
