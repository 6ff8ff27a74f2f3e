package dev.vantage.check.exposure;

import dev.vantage.probe.exposure.ScanLimit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Finds well-known credential patterns in served text and reports them masked: at most the first four characters
 * of a secret ever leave this class (private keys: only their header line). Pure.
 */
public final class SecretScanner {

    /**
     * A credential kind and how to find it; group 1 is the secret itself. Each pattern starts at a fixed word and
     * uses possessive runs (a run followed by something the run cannot contain gains nothing from giving
     * characters back), so a scan reads each character a bounded number of times (ScannerWorkTest).
     */
    enum Kind {
        AWS_ACCESS_KEY("AWS access key id", "\\b((?:AKIA|ASIA)[0-9A-Z]{16})\\b"),
        PRIVATE_KEY("private key block",
                "(-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----)"),
        STRIPE_LIVE_SECRET("Stripe live secret key", "\\b((?:sk|rk)_live_[0-9a-zA-Z]{20,}+)\\b"),
        GITHUB_TOKEN("GitHub token", "\\b(gh[pousr]_[A-Za-z0-9]{36,255}+|github_pat_[A-Za-z0-9_]{22,255}+)\\b"),
        SLACK_TOKEN("Slack token", "\\b(xox[baprs]-[A-Za-z0-9-]{10,})\\b"),
        // The name before the keyword (myApiKey, client_secret) is not part of the match: it never changes the
        // secret found, and matching it from every start was quadratic on long identifier-like runs.
        GENERIC_ASSIGNMENT("high-entropy credential assignment",
                "(?i)(?:api[_-]?key|secret|client[_-]?secret|access[_-]?token|auth[_-]?token"
                        + "|private[_-]?key|password|passwd)[\"']?+\\s*+[:=]\\s*+[\"'`]([^\"'`\\s]{16,200}+)[\"'`]");

        final String label;
        final Pattern pattern;

        Kind(String label, String regex) {
            this.label = label;
            this.pattern = Pattern.compile(regex);
        }
    }

    /**
     * One secret found.
     *
     * @param location where: the URL, line and column
     * @param masked   the secret masked for output; the secret itself is never kept
     */
    public record Match(String kind, String location, String masked) {
        /** One line for reports. */
        public String describe() {
            return kind + " at " + location + ": " + masked;
        }
    }

    /** Values that look like documentation, not credentials. */
    private static final Pattern PLACEHOLDER = Pattern.compile(
            "(?i)your|example|xxxx|changeme|placeholder|dummy|sample|redacted|insert|\\$\\{|\\{\\{|<|process\\.env");
    /** Minimum Shannon entropy (bits per character) of a generic assignment value. */
    static final double MIN_ENTROPY = 3.5;
    static final int MAX_MATCHES = 20;

    private SecretScanner() {
    }

    /**
     * Every secret in the first {@link ScanLimit#MAX_CHARS} characters of {@code text} (at most
     * {@link #MAX_MATCHES}), located in {@code source}. Linear in the text scanned.
     */
    public static List<Match> scan(String source, CharSequence text) {
        CharSequence scanned = ScanLimit.head(text);
        List<Hit> hits = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            Matcher m = kind.pattern.matcher(scanned);
            while (hits.size() < MAX_MATCHES && m.find()) {
                String secret = m.group(1);
                if (kind == Kind.GENERIC_ASSIGNMENT && !plausibleGeneric(secret)) {
                    continue;
                }
                hits.add(new Hit(kind, m.start(1), mask(kind, secret)));
            }
        }
        List<String> positions = positions(scanned, hits.stream().mapToInt(Hit::offset).toArray());
        List<Match> found = new ArrayList<>();
        for (int i = 0; i < hits.size(); i++) {
            found.add(new Match(hits.get(i).kind.label, source + " " + positions.get(i), hits.get(i).masked));
        }
        return found;
    }

    /** A secret found, masked at once, before its line and column are known. */
    private record Hit(Kind kind, int offset, String masked) {
    }

    /** {@code AKIA…(20 chars)}: four characters at most; private keys show only their header. */
    static String mask(Kind kind, String secret) {
        if (kind == Kind.PRIVATE_KEY) {
            return secret + " (key material withheld)";
        }
        int shown = Math.min(4, secret.length() / 4);
        return secret.substring(0, shown) + "…(" + secret.length() + " chars)";
    }

    private static boolean plausibleGeneric(String value) {
        if (PLACEHOLDER.matcher(value).find() || value.startsWith("pk_") || value.startsWith("AIza")) {
            // Publishable Stripe keys and browser Google API keys are meant to be public.
            return false;
        }
        return entropy(value) >= MIN_ENTROPY;
    }

    static double entropy(String value) {
        int[] counts = new int[128];
        int other = 0;
        for (char c : value.toCharArray()) {
            if (c < 128) {
                counts[c]++;
            } else {
                other++;
            }
        }
        double bits = 0;
        double n = value.length();
        for (int count : counts) {
            if (count > 0) {
                double p = count / n;
                bits -= p * Math.log(p) / Math.log(2);
            }
        }
        if (other > 0) {
            double p = other / n;
            bits -= p * Math.log(p) / Math.log(2);
        }
        return bits;
    }

    /** "line L, column C" of each offset, in one pass over the text however many offsets there are. */
    private static List<String> positions(CharSequence text, int[] offsets) {
        int[] order = IntStream.range(0, offsets.length).boxed().sorted(Comparator.comparingInt(i -> offsets[i]))
                .mapToInt(Integer::intValue).toArray();
        String[] out = new String[offsets.length];
        int line = 1;
        int lineStart = 0;
        int i = 0;
        for (int index : order) {
            for (; i < offsets[index]; i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            out[index] = String.format(Locale.ROOT, "line %d, column %d", line, offsets[index] - lineStart + 1);
        }
        return List.of(out);
    }
}
