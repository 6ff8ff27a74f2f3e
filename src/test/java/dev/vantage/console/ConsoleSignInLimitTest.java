package dev.vantage.console;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Guessing tokens at the sign-in form costs from the same per-client bucket as the API. */
class ConsoleSignInLimitTest {

    @Test
    void signInAttemptsDrawOnTheApisRateLimit(@TempDir Path dir) throws Exception {
        // The bed's own four API runs take 4 of the 10; the bucket refills one token in about 17 minutes.
        try (ConsoleBed bed = new ConsoleBed(dir, "{per-second: 0.001, burst: 10}")) {
            for (int i = 0; i < 6; i++) {
                assertThat(bed.post("/login", Map.of("token", "guess-" + i)).statusCode()).as("guess " + i)
                        .isEqualTo(401);
            }
            HttpResponse<String> limited = bed.post("/login", Map.of("token", ConsoleBed.EDITOR));
            assertThat(limited.statusCode()).as("even the right token, once the bucket is empty").isEqualTo(429);
            assertThat(limited.headers().firstValue("Retry-After")).isPresent();
            assertThat(limited.headers().firstValue("Set-Cookie")).isEmpty();
            assertThat(limited.body()).contains("too many requests from this client");
            assertThat(bed.call("GET", "/api/targets", ConsoleBed.EDITOR).statusCode()).as("the same bucket")
                    .isEqualTo(429);
        }
    }
}
