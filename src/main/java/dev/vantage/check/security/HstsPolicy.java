package dev.vantage.check.security;

import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A parsed Strict-Transport-Security value (RFC 6797 section 6.1): directives separated by {@code ;}, names
 * case-insensitive, values optionally quoted, unknown directives ignored, a repeated directive makes the whole
 * header invalid, {@code max-age} is required.
 *
 * @param maxAge seconds, saturated at {@link Long#MAX_VALUE} for absurdly long values
 */
public record HstsPolicy(long maxAge, boolean includeSubDomains, boolean preload) {

    /** Parses one header value; empty when it is invalid, with the reason in {@code problem[0]} when given. */
    public static Optional<HstsPolicy> parse(String value, String[] problem) {
        Long maxAge = null;
        boolean sub = false;
        boolean preload = false;
        Set<String> seen = new HashSet<>();
        for (String raw : value.split(";", -1)) {
            String token = raw.trim();
            if (token.isEmpty()) {
                continue;
            }
            int eq = token.indexOf('=');
            String name = (eq < 0 ? token : token.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
            String arg = eq < 0 ? null : unquote(token.substring(eq + 1).trim());
            if (!seen.add(name)) {
                return fail(problem, "directive " + name + " appears twice");
            }
            switch (name) {
                case "max-age" -> {
                    if (arg == null || arg.isEmpty() || !arg.chars().allMatch(c -> c >= '0' && c <= '9')) {
                        return fail(problem, "max-age is not a number of seconds");
                    }
                    maxAge = saturate(arg);
                }
                case "includesubdomains" -> sub = true;
                case "preload" -> preload = true;
                default -> {
                    if (!name.chars().allMatch(HstsPolicy::tokenChar)) {
                        return fail(problem, "malformed directive");
                    }
                }
            }
        }
        if (maxAge == null) {
            return fail(problem, "max-age is missing");
        }
        return Optional.of(new HstsPolicy(maxAge, sub, preload));
    }

    private static Optional<HstsPolicy> fail(String[] problem, String why) {
        if (problem != null && problem.length > 0) {
            problem[0] = why;
        }
        return Optional.empty();
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    private static long saturate(String digits) {
        String d = digits.replaceFirst("^0+(?=\\d)", "");
        if (d.length() > 18) {
            return Long.MAX_VALUE;
        }
        return Long.parseLong(d);
    }

    private static boolean tokenChar(int c) {
        return c > 0x20 && c < 0x7f && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
    }
}
