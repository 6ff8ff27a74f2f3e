package dev.vantage.check.security;

import dev.vantage.check.Area;
import dev.vantage.check.Finding;
import dev.vantage.check.PageHeaderCheck;
import dev.vantage.check.Verdict;
import dev.vantage.probe.SiteEvidence;
import dev.vantage.probe.http.HttpResponseEvidence;

import java.util.ArrayList;
import java.util.List;

import static dev.vantage.check.CheckSupport.joined;
import static dev.vantage.check.CheckSupport.quote;

/**
 * Permissions-Policy (a structured-field dictionary, RFC 8941): present and parseable passes. Not part of MDN HTTP
 * Observatory, so every result is worth 0: it informs without moving the grade.
 */
public final class PermissionsPolicyCheck extends PageHeaderCheck {

    public static final String IMPLEMENTED = "permissions-policy-implemented";
    public static final String MISSING = "permissions-policy-not-implemented";
    public static final String INVALID = "permissions-policy-header-invalid";

    private static final String FIX = "Send a Permissions-Policy that turns off unused features, e.g."
            + " camera=(), microphone=(), geolocation=().";

    public PermissionsPolicyCheck() {
        super("security.permissions-policy", Area.SECURITY, "Permissions-Policy", IMPLEMENTED, MISSING, INVALID);
    }

    @Override
    protected Finding evaluate(HttpResponseEvidence page, SiteEvidence evidence) {
        List<String> values = page.headers().values("Permissions-Policy");
        if (values.isEmpty()) {
            String legacy = page.headers().first("Feature-Policy").map(v -> " (only the obsolete Feature-Policy "
                    + quote(v) + ")").orElse("");
            return finding(Verdict.WARN, MISSING, "No Permissions-Policy header" + legacy + ".", FIX);
        }
        String shown = quote(joined(values));
        List<String> features = features(joined(values));
        if (features == null) {
            return finding(Verdict.WARN, INVALID, "Permissions-Policy " + shown
                    + " is not a valid structured-field dictionary, so browsers ignore it.", FIX);
        }
        return finding(Verdict.PASS, IMPLEMENTED, "Permissions-Policy " + shown + " controls " + features.size()
                + " feature(s).", "");
    }

    /** Feature names of a dictionary like {@code camera=(), geolocation=(self "https://a.example")}; null if invalid. */
    static List<String> features(String value) {
        List<String> names = new ArrayList<>();
        for (String member : splitTopLevel(value)) {
            String m = member.trim();
            if (m.isEmpty()) {
                return null;
            }
            int eq = m.indexOf('=');
            String key = eq < 0 ? m : m.substring(0, eq);
            if (!key.matches("[a-z*][a-z0-9_.*-]*")) {
                return null;
            }
            if (eq >= 0 && !validValue(m.substring(eq + 1).trim())) {
                return null;
            }
            names.add(key);
        }
        return names.isEmpty() ? null : names;
    }

    /**
     * An allowlist: {@code *}, {@code self}, {@code src}, a quoted origin, or an inner list of those in parentheses,
     * optionally followed by {@code ;param} parameters. Scanned by hand: regex repetition over a hostile
     * megabyte-long list would overflow the stack.
     */
    private static boolean validValue(String v) {
        String body = v.split(";", 2)[0].trim();
        if (body.startsWith("(")) {
            if (!body.endsWith(")")) {
                return false;
            }
            for (String item : body.substring(1, body.length() - 1).trim().split("[ \\t]+")) {
                if (!item.isEmpty() && !validItem(item)) {
                    return false;
                }
            }
            return true;
        }
        return validItem(body);
    }

    private static boolean validItem(String item) {
        if (item.length() >= 2 && item.startsWith("\"") && item.endsWith("\"")) {
            return item.chars().skip(1).limit(item.length() - 2L).allMatch(c -> c >= 0x20 && c < 0x7f && c != '"');
        }
        if (item.isEmpty() || !(Character.isLetter(item.charAt(0)) || item.charAt(0) == '*')) {
            return false;
        }
        return item.chars().allMatch(c -> c < 0x7f && (Character.isLetterOrDigit(c) || ":/%._*-".indexOf(c) >= 0));
    }

    private static List<String> splitTopLevel(String value) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
            } else if (!quoted && depth == 0 && c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
                continue;
            }
            cur.append(c);
        }
        out.add(cur.toString());
        return out;
    }
}
