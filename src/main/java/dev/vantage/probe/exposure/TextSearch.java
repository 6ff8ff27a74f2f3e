package dev.vantage.probe.exposure;

import java.util.function.IntUnaryOperator;

/**
 * Linear-time building blocks for the body scanners: plain searches over a {@link CharSequence}, and
 * {@link Ahead}, a forward search remembered between calls. A pattern like {@code A[^x]*B} started at every
 * {@code A} rescans the same stretch once per start, which is quadratic; asking "where is the next {@code B} at or
 * after p?" through an {@code Ahead} scans each stretch once. Pure.
 */
public final class TextSearch {

    private TextSearch() {
    }

    /** First index of {@code literal} at or after {@code from}, or -1. */
    public static int indexOf(CharSequence text, String literal, int from) {
        int last = text.length() - literal.length();
        for (int i = Math.max(0, from); i <= last; i++) {
            if (regionMatches(text, i, literal)) {
                return i;
            }
        }
        return -1;
    }

    /** First index at or after {@code from} of any character of {@code chars}, or the text's length. */
    public static int indexOfAny(CharSequence text, String chars, int from) {
        for (int i = Math.max(0, from); i < text.length(); i++) {
            if (chars.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return text.length();
    }

    /** True when {@code literal} occurs at {@code at}. */
    public static boolean regionMatches(CharSequence text, int at, String literal) {
        if (at < 0 || at + literal.length() > text.length()) {
            return false;
        }
        for (int j = 0; j < literal.length(); j++) {
            if (text.charAt(at + j) != literal.charAt(j)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A forward search ("first success at or after p", or -1) that remembers its last answer: asked again for a
     * position between the last question and the last answer, it answers without reading. Asked in increasing
     * order, the stretches it reads do not overlap, so all its questions together cost one pass.
     */
    public static final class Ahead {
        private final IntUnaryOperator search;
        private int asked = Integer.MAX_VALUE;
        private int answer = -1;

        /** @param search the first success at or after its argument, or -1 */
        public Ahead(IntUnaryOperator search) {
            this.search = search;
        }

        /** The first success at or after {@code from}, or -1. */
        public int from(int from) {
            boolean known = from >= asked && (answer < 0 || from <= answer);
            if (!known) {
                asked = from;
                answer = search.applyAsInt(from);
            }
            return answer;
        }
    }
}
