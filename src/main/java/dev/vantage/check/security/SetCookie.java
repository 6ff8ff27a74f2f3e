package dev.vantage.check.security;

import java.util.Locale;
import java.util.Optional;

/**
 * The attributes of one Set-Cookie line (RFC 6265 section 5.2), without its value: values can be secrets and
 * must never reach a report.
 *
 * @param sameSite the SameSite attribute as written, absent when not set
 */
public record SetCookie(String name, boolean secure, boolean httpOnly, Optional<String> sameSite,
                        Optional<String> domain, Optional<String> path) {

    /** Parses one Set-Cookie value; never throws. A line without {@code =} has an empty name (RFC 6265bis). */
    public static SetCookie parse(String line) {
        String[] parts = line.split(";", -1);
        String pair = parts[0];
        int eq = pair.indexOf('=');
        String name = eq < 0 ? "" : pair.substring(0, eq).trim();
        boolean secure = false;
        boolean httpOnly = false;
        Optional<String> sameSite = Optional.empty();
        Optional<String> domain = Optional.empty();
        Optional<String> path = Optional.empty();
        for (int i = 1; i < parts.length; i++) {
            String attr = parts[i];
            int aeq = attr.indexOf('=');
            String key = (aeq < 0 ? attr : attr.substring(0, aeq)).trim().toLowerCase(Locale.ROOT);
            String val = aeq < 0 ? "" : attr.substring(aeq + 1).trim();
            switch (key) {
                case "secure" -> secure = true;
                case "httponly" -> httpOnly = true;
                // the last occurrence of an attribute wins (RFC 6265 5.3 step 7 processes the list in order)
                case "samesite" -> sameSite = Optional.of(val);
                case "domain" -> domain = val.isEmpty() ? Optional.empty() : Optional.of(val);
                case "path" -> path = val.startsWith("/") ? Optional.of(val) : Optional.empty();
                default -> { }
            }
        }
        return new SetCookie(name, secure, httpOnly, sameSite, domain, path);
    }

    /** SameSite=Strict or Lax: the cookie is not sent on cross-site subrequests. */
    public boolean sameSiteRestricted() {
        return sameSite.map(v -> v.equalsIgnoreCase("strict") || v.equalsIgnoreCase("lax")).orElse(false);
    }

    /** A SameSite value browsers do not accept, or None without Secure (rejected by current browsers). */
    public boolean sameSiteInvalid() {
        return sameSite.map(v -> !(v.equalsIgnoreCase("strict") || v.equalsIgnoreCase("lax")
                || (v.equalsIgnoreCase("none") && secure))).orElse(false);
    }

    /** Why a {@code __Host-} or {@code __Secure-} name prefix is violated (browsers then drop the cookie). */
    public Optional<String> prefixViolation() {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith("__host-") && (!secure || domain.isPresent() || !path.equals(Optional.of("/")))) {
            return Optional.of("__Host- prefix needs Secure, Path=/ and no Domain");
        }
        if (lower.startsWith("__secure-") && !secure) {
            return Optional.of("__Secure- prefix needs Secure");
        }
        return Optional.empty();
    }

    /** Names that usually carry a login session or credentials. */
    public boolean sessionLike() {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.contains("sess") || lower.contains("auth") || lower.contains("token") || lower.contains("login")
                || lower.contains("jwt") || lower.contains("remember")) {
            return !antiCsrf();
        }
        for (String part : lower.split("[^a-z0-9]+")) {
            if (part.equals("sid") || part.equals("ssid") || part.endsWith("sid") && part.length() <= 8) {
                return true;
            }
        }
        return false;
    }

    /** Anti-CSRF tokens (double-submit cookies): readable by scripts by design, but need SameSite. */
    public boolean antiCsrf() {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.contains("csrf") || lower.contains("xsrf");
    }
}
