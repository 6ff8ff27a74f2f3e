package dev.vantage.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves secret references: {@code ${ENV_VAR}} reads the environment, {@code file:/path} reads a file (trailing
 * newline dropped). Anything else is taken literally. Failures name the reference, never a secret value.
 */
public final class Secrets {

    private static final Pattern ENV = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private final Function<String, String> env;
    private final boolean lenient;

    public Secrets(Function<String, String> env) {
        this(env, false);
    }

    private Secrets(Function<String, String> env, boolean lenient) {
        this.env = env;
        this.lenient = lenient;
    }

    /**
     * Resolves nothing, returning every value as it is: where no secret may be read (API requests, stored rows,
     * whose references are resolved only when probing, and only for targets from the config file).
     */
    public static Secrets unresolved() {
        return new Secrets(k -> null, true);
    }

    public static Secrets fromSystem() {
        return new Secrets(System::getenv);
    }

    /** Whether the value is a reference rather than an inline literal. */
    public static boolean isReference(String value) {
        return ENV.matcher(value).matches() || value.startsWith("file:");
    }

    /** The resolved value, or an exception whose message says which reference failed and why. */
    public String resolve(String value) {
        if (lenient) {
            return value;
        }
        Matcher m = ENV.matcher(value);
        if (m.matches()) {
            String v = env.apply(m.group(1));
            if (v == null || v.isEmpty()) {
                throw new IllegalArgumentException("environment variable " + m.group(1) + " is not set");
            }
            return v;
        }
        if (value.startsWith("file:")) {
            Path path = Path.of(value.substring("file:".length()));
            try {
                return Files.readString(path, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read secret file " + path + ": " + e.getClass().getSimpleName());
            }
        }
        return value;
    }
}
