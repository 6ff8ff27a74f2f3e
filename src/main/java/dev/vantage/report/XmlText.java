package dev.vantage.report;

/**
 * Escapes text for XML 1.0 attribute values and character data. Characters XML 1.0 cannot carry at all (most C0
 * controls, lone surrogates, U+FFFE/U+FFFF) cannot be escaped either, so they become a visible {@code \\u001B}.
 */
final class XmlText {

    private XmlText() {
    }

    /** For attribute values in double quotes; line breaks and tabs are kept as references so parsers keep them. */
    static String attribute(String text) {
        return escape(text, true);
    }

    /** For element content. {@code >} is escaped too, so {@code ]]>} can never appear. */
    static String content(String text) {
        return escape(text, false);
    }

    private static String escape(String text, boolean attribute) {
        String s = text == null ? "" : text;
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append(attribute ? "&quot;" : "\"");
                case '\'' -> out.append(attribute ? "&apos;" : "'");
                case '\n' -> out.append(attribute ? "&#10;" : "\n");
                case '\r' -> out.append("&#13;");
                case '\t' -> out.append(attribute ? "&#9;" : "\t");
                default -> {
                    boolean pair = Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1));
                    if (pair) {
                        out.append(c).append(s.charAt(++i));
                    } else if (c < 0x20 || Character.isSurrogate(c) || c == '\uFFFE' || c == '\uFFFF') {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
