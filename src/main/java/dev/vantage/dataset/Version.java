package dev.vantage.dataset;

import java.util.Comparator;
import java.util.regex.Pattern;

/**
 * Version order as retire.js defines it ({@code isAtOrAbove}): split on dots and dashes, numeric parts compare as
 * numbers, other parts as text, and a number sorts above text, so {@code 1.9.0} is above {@code 1.9.0b1}. Using the
 * dataset's own order keeps its {@code atOrAbove}/{@code below} bounds meaning what their authors meant.
 */
public final class Version {

    private static final Pattern SEPARATORS = Pattern.compile("[.\\-]");
    private static final Pattern NUMBER = Pattern.compile("[0-9]+");

    /** Orders version strings; never throws. */
    public static final Comparator<String> ORDER = Version::compare;

    private Version() {
    }

    public static int compare(String a, String b) {
        String[] x = SEPARATORS.split(a, -1);
        String[] y = SEPARATORS.split(b, -1);
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int c = comparePart(i < x.length ? x[i] : "0", i < y.length ? y[i] : "0");
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static int comparePart(String a, String b) {
        boolean na = NUMBER.matcher(a).matches();
        boolean nb = NUMBER.matcher(b).matches();
        if (na && nb) {
            // Any length of digits, without overflow: fewer significant digits is smaller, then digit by digit.
            String x = a.replaceFirst("^0+(?=.)", "");
            String y = b.replaceFirst("^0+(?=.)", "");
            return x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
        }
        if (na != nb) {
            return na ? 1 : -1;
        }
        return a.compareTo(b);
    }
}
