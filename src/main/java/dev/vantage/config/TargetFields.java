package dev.vantage.config;

import dev.vantage.check.CheckSelection;
import dev.vantage.probe.http.Header;
import dev.vantage.probe.http.HeaderArg;
import dev.vantage.probe.tls.TrustStores;
import dev.vantage.target.Durations;
import dev.vantage.target.ResolvePin;
import dev.vantage.target.TargetUrl;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The rules of a target's fields, shared by every front door: the config file and the API ({@link TargetParser},
 * which adds the field's path to a message) and {@code vantage check} (which adds the flag). Each rule throws an
 * {@link IllegalArgumentException} whose message says what is wrong without naming where it was written, so the same
 * bad value gets the same words everywhere.
 */
public final class TargetFields {

    /**
     * The longest total deadline of one run, from the file, the API and {@code --timeout} alike: long enough for the
     * slowest audit (TLS enumeration of a slow server, a 60 s load run after a 10 s warm-up), short enough that a
     * hung target never holds a service slot for long.
     */
    public static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);

    private TargetFields() {
    }

    /**
     * An absolute http(s) URL with a host, a valid port and no credentials: the one URL rule ({@link TargetUrl}),
     * worded as the file and the API always have, followed by what exactly is wrong.
     */
    public static URI url(String text) {
        try {
            return TargetUrl.parse(text);
        } catch (IllegalArgumentException e) {
            String raw = text == null ? "" : text.trim();
            String reason = e.getMessage().replace("URL '" + raw + "' ", "");
            throw new IllegalArgumentException("\"" + raw + "\" is not an absolute http:// or https:// URL with a host "
                    + "(and no user:password@): " + reason);
        }
    }

    /** A duration of a probe setting (the load run's, the burst's), in the file's and the flags' words alike. */
    public static Duration duration(String text) {
        return Durations.tryParse(text).orElseThrow(() -> new IllegalArgumentException("\"" + text
                + "\" is not a duration like 10s, 500ms"));
    }

    /** A duration above 0 and at most {@link #MAX_TIMEOUT}. */
    public static Duration timeout(String text) {
        Duration d = duration(text);
        if (d.isZero() || d.isNegative() || d.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException(text + " must be more than 0 and at most "
                    + Durations.format(MAX_TIMEOUT));
        }
        return d;
    }

    /** An extra request header, by the rules of {@link HeaderArg#check}. */
    public static Header header(String name, String value) {
        return HeaderArg.check(name, value);
    }

    /** A readable PEM file that holds at least one certificate, refused now rather than at every run. */
    public static Path caFile(Path file) {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(file + " is a directory, not a PEM file of CA certificates");
        }
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("file " + file + " does not exist or is not readable");
        }
        TrustStores.load(Optional.of(file));
        return file;
    }

    /** A curl-style {@code host:port:address} pin. */
    public static ResolvePin resolvePin(String text) {
        try {
            return ResolvePin.parse(text);
        } catch (IllegalArgumentException e) {
            // ResolvePin words its message for the flag; the flag or path is the front door's to add.
            throw new IllegalArgumentException(e.getMessage().replace("--resolve ", ""));
        }
    }

    /** A check id or id prefix ({@code security.}) that names at least one check. */
    public static String checkName(String entry) {
        CheckSelection.unknown(entry).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        return entry;
    }

    /** The plain-HTTP port probed for the HTTPS redirect. */
    public static int httpPort(long port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(port + " is out of range: a port is from 1 to 65535");
        }
        return (int) port;
    }
}
