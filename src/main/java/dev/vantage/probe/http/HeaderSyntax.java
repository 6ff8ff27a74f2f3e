package dev.vantage.probe.http;

/**
 * RFC 9110 header-field syntax: a name is a token, a value is visible characters, spaces and tabs (bytes from
 * 0x80 up are obsolete but tolerated, as browsers do). Used to set malformed lines aside instead of rejecting the
 * whole response.
 */
final class HeaderSyntax {

    private static final String TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";

    private HeaderSyntax() {
    }

    static boolean wellFormed(String name, String value) {
        return isToken(name) && value.chars().noneMatch(HeaderSyntax::isControl);
    }

    static boolean isToken(String name) {
        return !name.isEmpty() && name.chars().allMatch(c -> c < 0x7f
                && (Character.isLetterOrDigit(c) || TOKEN_SYMBOLS.indexOf(c) >= 0));
    }

    private static boolean isControl(int c) {
        return c < 0x20 && c != '\t' || c == 0x7f;
    }

    /** {@code name: value} with control bytes written as {@code \xNN}, safe to quote in a report. */
    static String printable(String name, String value) {
        StringBuilder out = new StringBuilder(name.length() + value.length() + 2);
        (name + ": " + value).chars().forEach(c -> {
            if (isControl(c)) {
                out.append(String.format("\\x%02x", c));
            } else {
                out.append((char) c);
            }
        });
        return out.toString();
    }
}
