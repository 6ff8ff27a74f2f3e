package dev.vantage.check.exposure;

/**
 * A text that counts every character read through it (views from {@link #subSequence} share the count) and
 * stops the reader once a budget is spent: the measure of a scanner's work that does not depend on the machine.
 */
final class CountingText implements CharSequence {

    /** Thrown when a scanner reads more characters than its budget allows. */
    static final class BudgetSpent extends RuntimeException {
        BudgetSpent(long budget) {
            super("more than " + budget + " characters read", null, false, false);
        }
    }

    private final String text;
    private final int start;
    private final int end;
    private final long[] reads;
    private final long budget;

    CountingText(String text, long budget) {
        this(text, 0, text.length(), new long[1], budget);
    }

    private CountingText(String text, int start, int end, long[] reads, long budget) {
        this.text = text;
        this.start = start;
        this.end = end;
        this.reads = reads;
        this.budget = budget;
    }

    /** Characters read so far through this text and its views. */
    long reads() {
        return reads[0];
    }

    @Override
    public int length() {
        return end - start;
    }

    @Override
    public char charAt(int index) {
        if (index < 0 || index >= length()) {
            throw new IndexOutOfBoundsException(index);
        }
        if (++reads[0] > budget) {
            throw new BudgetSpent(budget);
        }
        return text.charAt(start + index);
    }

    @Override
    public CharSequence subSequence(int from, int to) {
        if (from < 0 || to > length() || from > to) {
            throw new IndexOutOfBoundsException("[" + from + ", " + to + ") of " + length());
        }
        return new CountingText(text, start + from, start + to, reads, budget);
    }

    /** Copies through {@link #charAt}, so a scanner that copies the text pays for it. */
    @Override
    public String toString() {
        StringBuilder copy = new StringBuilder(length());
        for (int i = 0; i < length(); i++) {
            copy.append(charAt(i));
        }
        return copy.toString();
    }
}
