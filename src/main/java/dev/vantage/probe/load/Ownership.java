package dev.vantage.probe.load;

import dev.vantage.probe.Deadline;
import dev.vantage.probe.http.HttpExchange;
import dev.vantage.probe.http.HttpProber;
import dev.vantage.probe.http.HttpRequestSpec;
import io.vertx.core.Future;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Proof that whoever configured a load run controls the target: Vantage generates a random token per target
 * (the caller stores it and shows it to the user), the target serves it at {@value #WELL_KNOWN_PATH}, and the
 * load run is refused unless that file, fetched without following redirects, holds the token on a line of its
 * own. DNS TXT verification is not implemented (docs/load.md).
 */
public final class Ownership {

    public static final String WELL_KNOWN_PATH = "/.well-known/vantage-verification.txt";
    /** Bound on the one fetch of the token file. */
    public static final Duration FETCH_TIMEOUT = Duration.ofSeconds(5);
    private static final Pattern TOKEN = Pattern.compile("vantage-[A-Za-z0-9_-]{32,128}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ownership() {
    }

    /** The outcome of one verification; {@code message} says what was found and how to fix a refusal. */
    public record Verification(boolean verified, URI url, String message) {
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

    /** Fetches the token file once (bounded by the prober's body cap and {@link #FETCH_TIMEOUT}); never fails. */
    public static Future<Verification> verify(HttpProber http, URI target, String expectedToken) {
        URI url = location(target);
        if (expectedToken == null || !TOKEN.matcher(expectedToken).matches()) {
            return Future.succeededFuture(new Verification(false, url, "no valid verification token is stored "
                    + "for " + target + "; generate one (Ownership.newToken) before configuring a load run"));
        }
        Duration budget = http.options().timeout().compareTo(FETCH_TIMEOUT) < 0 ? http.options().timeout()
                : FETCH_TIMEOUT;
        return http.exchange(HttpRequestSpec.get(url), Deadline.in(budget))
                .map(exchange -> judge(url, exchange, expectedToken))
                .otherwise(error -> new Verification(false, url, "could not fetch " + url + ": " + error));
    }

    /** Pure: whether {@code exchange} proves ownership with {@code expectedToken}. */
    static Verification judge(URI url, HttpExchange exchange, String expectedToken) {
        String fix = "; serve the token " + expectedToken + " as the body of " + url
                + " (text/plain, status 200, no redirect) and run again";
        if (exchange.response().isEmpty()) {
            return new Verification(false, url, "load run refused: " + url + " did not answer ("
                    + exchange.failure().map(f -> f.describe()).orElse("no response") + ")" + fix);
        }
        int status = exchange.response().get().status();
        if (status != 200) {
            return new Verification(false, url, "load run refused: " + url + " answered " + status
                    + " instead of 200 with the verification token" + fix);
        }
        boolean found = exchange.response().get().body().lines().map(String::trim)
                .anyMatch(expectedToken::equals);
        if (!found) {
            return new Verification(false, url, "load run refused: " + url
                    + " does not contain the expected verification token" + fix);
        }
        return new Verification(true, url, "ownership verified: " + url + " serves the expected token");
    }
}
