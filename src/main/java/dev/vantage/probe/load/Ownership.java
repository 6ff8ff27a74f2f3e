package dev.vantage.probe.load;

import dev.vantage.probe.Deadline;
import dev.vantage.probe.http.HttpExchange;
import dev.vantage.probe.http.HttpProber;
import dev.vantage.probe.http.HttpRequestSpec;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Proof that whoever configured a load run controls the target: Vantage generates a random token per target
 * (the caller stores it and shows it to the user), and the load run is refused unless either the target serves it
 * at {@value #WELL_KNOWN_PATH} (fetched without following redirects, the token on a line of its own) or a DNS TXT
 * record at {@code _vantage-verification.<host>} holds it ({@link DnsTxtVerification}). The file is tried first.
 */
public final class Ownership {

    public static final String WELL_KNOWN_PATH = "/.well-known/vantage-verification.txt";
    /** Bound on the one fetch of the token file. */
    public static final Duration FETCH_TIMEOUT = Duration.ofSeconds(5);
    /** Bound on a whole verification: the file fetch, then the DNS query (with its guard). */
    public static final Duration MAX_VERIFY = FETCH_TIMEOUT.plusMillis(DnsTxtVerification.MAX_QUERY_TIMEOUT_MS)
            .plusSeconds(1);
    private static final Pattern TOKEN = Pattern.compile("vantage-[A-Za-z0-9_-]{32,128}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ownership() {
    }

    /** How ownership was proven; {@link #NONE} when it was not. */
    public enum Method {
        NONE("none"), WELL_KNOWN_FILE("well-known file"), DNS_TXT("dns-txt");

        private final String label;

        Method(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * The outcome of one verification; {@code message} says what was found and how to fix a refusal, {@code url}
     * is what was checked (the token file, or a {@code dns:} URI for the TXT record) and {@code method} what proved
     * ownership ({@link Method#NONE} exactly when not verified).
     */
    public record Verification(boolean verified, URI url, String message, Method method) {
        public Verification {
            if (verified == (method == Method.NONE)) {
                throw new IllegalArgumentException("verified is " + verified + " but method is " + method);
            }
        }
    }

    /** A fresh token: {@code vantage-} and 32 random bytes, base64url (256 bits, not guessable). */
    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "vantage-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Where {@code target}'s origin must serve the token. */
    public static URI location(URI target) {
        return URI.create(target.getScheme() + "://" + target.getRawAuthority() + WELL_KNOWN_PATH);
    }

    /**
     * Verifies ownership of {@code target}: the token file first, then the DNS TXT record through the system
     * resolver. Never fails; a refusal names both attempts and how to fix each.
     */
    public static Future<Verification> verify(Vertx vertx, HttpProber http, URI target, String expectedToken) {
        return verify(http, new DnsTxtVerification(vertx), target, expectedToken);
    }

    /** As {@link #verify(Vertx, HttpProber, URI, String)}, with the DNS lookup of {@code dns} (e.g. its server). */
    public static Future<Verification> verify(HttpProber http, DnsTxtVerification dns, URI target,
                                              String expectedToken) {
        URI url = location(target);
        if (expectedToken == null || !TOKEN.matcher(expectedToken).matches()) {
            return Future.succeededFuture(new Verification(false, url, "no valid verification token is stored "
                    + "for " + target + "; generate one (Ownership.newToken) before configuring a load run",
                    Method.NONE));
        }
        return fetchFile(http, url, expectedToken)
                .compose(file -> file.verified() ? Future.succeededFuture(file)
                        : dns.verify(target, expectedToken).map(txt -> either(url, file, txt)))
                .otherwise(error -> new Verification(false, url, "load run refused: internal error during "
                        + "ownership verification: " + error, Method.NONE));
    }

    /** The DNS result when it verified, else one refusal naming both attempts and both fixes. */
    private static Verification either(URI url, Verification file, Verification txt) {
        if (txt.verified()) {
            return txt;
        }
        return new Verification(false, url, "load run refused: ownership of " + url.getScheme() + "://"
                + url.getRawAuthority() + " is not proven. Well-known file: " + file.message() + ". DNS TXT: "
                + txt.message() + ". Do either and run again.", Method.NONE);
    }

    /** Fetches the token file once (bounded by the prober's body cap and {@link #FETCH_TIMEOUT}); never fails. */
    static Future<Verification> fetchFile(HttpProber http, URI url, String expectedToken) {
        Duration budget = http.options().timeout().compareTo(FETCH_TIMEOUT) < 0 ? http.options().timeout()
                : FETCH_TIMEOUT;
        return http.exchange(HttpRequestSpec.get(url), Deadline.in(budget))
                .map(exchange -> judge(url, exchange, expectedToken))
                .otherwise(error -> new Verification(false, url, "could not fetch " + url + ": " + error
                        + fileFix(url, expectedToken), Method.NONE));
    }

    /** Pure: whether {@code exchange} proves ownership with {@code expectedToken}. */
    static Verification judge(URI url, HttpExchange exchange, String expectedToken) {
        String fix = fileFix(url, expectedToken);
        if (exchange.response().isEmpty()) {
            return new Verification(false, url, url + " did not answer ("
                    + exchange.failure().map(f -> f.describe()).orElse("no response") + ")" + fix, Method.NONE);
        }
        int status = exchange.response().get().status();
        if (status != 200) {
            return new Verification(false, url, url + " answered " + status
                    + " instead of 200 with the verification token" + fix, Method.NONE);
        }
        boolean found = exchange.response().get().body().lines().map(String::trim)
                .anyMatch(expectedToken::equals);
        if (!found) {
            return new Verification(false, url, url + " does not contain the expected verification token" + fix,
                    Method.NONE);
        }
        return new Verification(true, url, "ownership verified: " + url + " serves the expected token",
                Method.WELL_KNOWN_FILE);
    }

    private static String fileFix(URI url, String expectedToken) {
        return "; serve the token " + expectedToken + " as the body of " + url
                + " (text/plain, status 200, no redirect)";
    }
}
