package dev.vantage.probe.load;

import dev.vantage.probe.FailureKind;
import dev.vantage.probe.PhaseTimings;
import dev.vantage.probe.ProbeFailure;
import dev.vantage.probe.http.Headers;
import dev.vantage.probe.http.HttpExchange;
import dev.vantage.probe.http.HttpRequestSpec;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

/** Tokens and the pure judgement of a fetched token file. */
class OwnershipTest {

    static final URI URL = URI.create("https://app.example:8443" + Ownership.WELL_KNOWN_PATH);

    @Test
    void tokensAreRandomAndUrlSafe() {
        String a = Ownership.newToken();
        assertThat(a).matches("vantage-[A-Za-z0-9_-]{43}");
        assertThat(Ownership.newToken()).isNotEqualTo(a);
    }

    @Test
    void theTokenLivesAtTheWellKnownPathOfTheOrigin() {
        assertThat(Ownership.location(URI.create("https://app.example:8443/login?x=1")))
                .isEqualTo(URL);
    }

    @Test
    void aResetIsRefusedSayingWhy() {
        HttpExchange failed = HttpExchange.failed(HttpRequestSpec.get(URL), PhaseTimings.NONE,
                new ProbeFailure(FailureKind.REFUSED, "connection refused"));
        Ownership.Verification v = Ownership.judge(URL, failed, Ownership.newToken());
        assertThat(v.verified()).isFalse();
        assertThat(v.message()).contains("did not answer", "connection refused", "serve the token");
    }

    @Test
    void theTokenMustBeALineOfItsOwnNotASubstring() {
        String token = Ownership.newToken();
        assertThat(Ownership.judge(URL, answer(200, "prefix" + token), token).verified()).isFalse();
        assertThat(Ownership.judge(URL, answer(200, token + "\r\n"), token).verified()).isTrue();
        assertThat(Ownership.judge(URL, answer(302, token), token).message()).contains("answered 302");
    }

    @Test
    void aVerificationSaysWhichMethodProvedOwnership() {
        String token = Ownership.newToken();
        assertThat(Ownership.judge(URL, answer(200, token), token).method())
                .isEqualTo(Ownership.Method.WELL_KNOWN_FILE);
        assertThat(Ownership.judge(URL, answer(404, token), token).method()).isEqualTo(Ownership.Method.NONE);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> new Ownership.Verification(true, URL, "x", Ownership.Method.NONE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static HttpExchange answer(int status, String body) {
        return new HttpExchange(HttpRequestSpec.get(URL), java.util.Optional.of("127.0.0.1"), PhaseTimings.NONE,
                java.util.Optional.empty(), java.util.Optional.of(new dev.vantage.probe.http.HttpResponseEvidence(
                        status, "OK", "HTTP/1.1", Headers.EMPTY, body, body.length(), false)),
                java.util.Optional.empty());
    }
}
