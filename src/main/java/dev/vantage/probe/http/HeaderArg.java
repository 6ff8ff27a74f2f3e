package dev.vantage.probe.http;


/** Parses an extra request header written as {@code Name: value}, refusing what would corrupt a request. */
public final class HeaderArg {

    private static final String TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";

    private HeaderArg() {
    }

    /**
     * @throws IllegalArgumentException naming what is wrong
     */
    public static Header parse(String text) {
        int colon = text == null ? -1 : text.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("header '" + text + "' must look like 'Name: value'");
        }
        return check(text.substring(0, colon).trim(), text.substring(colon + 1).trim());
    }

    /**
     * The same rules for a header given as a name and a value (the {@code headers:} map of a target in the config
     * file or the API), so every front door refuses the same headers with the same words.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static Header check(String name, String value) {
        if (!name.matches(TOKEN)) {
            throw new IllegalArgumentException("header name '" + name + "' has characters a header name cannot have");
        }
        if (value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
            throw new IllegalArgumentException("header '" + name + "' value contains a line break or NUL");
        }
        if (name.equalsIgnoreCase("Host") || name.equalsIgnoreCase("Content-Length")
                || name.equalsIgnoreCase("Transfer-Encoding") || name.equalsIgnoreCase("Connection")) {
            throw new IllegalArgumentException("header '" + name + "' is managed by the prober and cannot be set");
        }
        return new Header(name, value);
    }
}
