package dev.vantage.console;

/**
 * A shields-style badge ({@code vantage | A+}) for a public target. Widths are estimated from the text length,
 * as shields does without a font at hand: Verdana 11px averages about 7 px a character.
 */
public record Badge(String label, String value, String colour) {

    private static final int CHAR_PX = 7;
    private static final int PADDING_PX = 10;

    public static Badge of(String grade) {
        return new Badge("vantage", grade, GradeStyle.of(grade).colour());
    }

    public int labelWidth() {
        return label.length() * CHAR_PX + PADDING_PX;
    }

    public int valueWidth() {
        return value.length() * CHAR_PX + PADDING_PX;
    }

    public int width() {
        return labelWidth() + valueWidth();
    }

    public double labelCentre() {
        return labelWidth() / 2.0;
    }

    public double valueCentre() {
        return labelWidth() + valueWidth() / 2.0;
    }
}
