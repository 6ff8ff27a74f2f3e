package dev.vantage.check.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One serialized Content-Security-Policy (CSP Level 3, section 2.2.1): directives split on {@code ;}, the name
 * ASCII-lower-cased, source expressions split on whitespace. A repeated directive is ignored as browsers do and
 * remembered in {@code duplicates}. Keywords and schemes are lower-cased; hosts and paths keep their case.
 */
public record CspPolicy(Map<String, Set<String>> directives, List<String> duplicates) {

    private static final Set<String> KEYWORDS = Set.of("'self'", "'none'", "'unsafe-inline'", "'unsafe-eval'",
            "'strict-dynamic'", "'unsafe-hashes'", "'report-sample'", "'unsafe-allow-redirects'",
            "'wasm-unsafe-eval'", "'inline-speculation-rules'", "'trusted-types-eval'", "'allow-duplicates'",
            "'script'");

    public CspPolicy {
        Map<String, Set<String>> copy = new LinkedHashMap<>();
        directives.forEach((k, v) -> copy.put(k, Set.copyOf(v)));
        directives = java.util.Collections.unmodifiableMap(copy);
        duplicates = List.copyOf(duplicates);
    }

    /** Parses one policy; throws {@link IllegalArgumentException} naming what is malformed. */
    public static CspPolicy parse(String text) {
        Map<String, Set<String>> directives = new LinkedHashMap<>();
        List<String> duplicates = new ArrayList<>();
        for (String raw : text.split(";", -1)) {
            String token = raw.strip();
            if (token.isEmpty()) {
                continue;
            }
            String[] parts = token.split("[\\t\\n\\f\\r ]+");
            String name = parts[0].toLowerCase(Locale.ROOT);
            if (!name.matches("[a-z0-9-]+")) {
                throw new IllegalArgumentException("malformed directive name " + shorten(parts[0]));
            }
            if (directives.containsKey(name)) {
                duplicates.add(name);
                continue;
            }
            Set<String> sources = new LinkedHashSet<>();
            for (int i = 1; i < parts.length; i++) {
                sources.add(source(name, parts[i]));
            }
            directives.put(name, sources);
        }
        if (directives.isEmpty()) {
            throw new IllegalArgumentException("no directives");
        }
        return new CspPolicy(directives, duplicates);
    }

    private static String source(String directive, String raw) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < 0x21 || c > 0x7e || c == ',' || c == ';') {
                throw new IllegalArgumentException("non-ASCII or control character in " + directive);
            }
        }
        String lower = raw.toLowerCase(Locale.ROOT);
        if (raw.startsWith("'")) {
            boolean nonceOrHash = lower.matches("'(nonce|sha256|sha384|sha512)-[A-Za-z0-9+/_=-]+'");
            if (!nonceOrHash && !KEYWORDS.contains(lower)) {
                throw new IllegalArgumentException("unknown keyword " + shorten(raw) + " in " + directive);
            }
            // nonce and hash values are case-sensitive base64; keep them, lower only the prefix
            return nonceOrHash ? lower.substring(0, lower.indexOf('-') + 1) + raw.substring(lower.indexOf('-') + 1)
                    : lower;
        }
        if (lower.matches("[a-z][a-z0-9+.-]*:")) {
            return lower; // scheme source such as https: or data:
        }
        int scheme = lower.indexOf("://");
        if (scheme > 0) {
            return lower.substring(0, scheme + 3) + raw.substring(scheme + 3);
        }
        return raw;
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    /** The sources of a directive, or of the first fallback present; null when none is present (unrestricted). */
    public Set<String> effective(String directive, String... fallbacks) {
        Set<String> own = directives.get(directive);
        if (own != null) {
            return own;
        }
        for (String f : fallbacks) {
            if (directives.containsKey(f)) {
                return directives.get(f);
            }
        }
        return null;
    }
}
