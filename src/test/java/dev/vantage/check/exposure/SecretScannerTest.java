package dev.vantage.check.exposure;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SecretScannerTest {

    // Assembled at run time so the repository itself never holds a string secret scanners would flag.
    static final String AWS_KEY = "AKIA" + "Q3EGRZ7XK4WBN2PD";
    static final String STRIPE = "sk_" + "live_" + "51H8aQ2eZvKYlo2C9x7Pq4Rt";
    static final String GITHUB = "ghp_" + "R4nd0mT0k3nV4lu3sAr3L0ng3n0ugh1234AB";
    static final String GENERIC = "q8Z3vN1xK7pL0wR5tY2uM9eB4";

    @Nested
    class Finds {

        @Test
        void anAwsAccessKeyIdInMinifiedCode() {
            List<SecretScanner.Match> matches = SecretScanner.scan("https://a.test/app.js",
                    "var c={region:\"eu-west-1\",key:\"" + AWS_KEY + "\"};");

            assertThat(matches).singleElement().satisfies(m -> {
                assertThat(m.kind()).isEqualTo("AWS access key id");
                assertThat(m.location()).isEqualTo("https://a.test/app.js line 1, column 32");
                assertThat(m.masked()).isEqualTo("AKIA…(20 chars)");
            });
        }

        @Test
        void aPrivateKeyBlockShowingOnlyItsHeader() {
            String body = "x\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAx3...\n-----END RSA PRIVATE KEY-----";

            assertThat(SecretScanner.scan("page", body)).singleElement().satisfies(m -> {
                assertThat(m.location()).isEqualTo("page line 2, column 1");
                assertThat(m.masked()).isEqualTo("-----BEGIN RSA PRIVATE KEY----- (key material withheld)")
                        .doesNotContain("MIIE");
            });
        }

        @Test
        void liveStripeSecretsGithubTokensAndHighEntropyAssignments() {
            String body = "const s='" + STRIPE + "'; const g=\"" + GITHUB + "\";\nclient_secret: \"" + GENERIC + "\"";

            List<SecretScanner.Match> matches = SecretScanner.scan("bundle.js", body);

            assertThat(matches).extracting(SecretScanner.Match::kind).containsExactlyInAnyOrder(
                    "Stripe live secret key", "GitHub token", "high-entropy credential assignment");
            assertThat(matches).allSatisfy(m -> assertThat(m.describe())
                    .doesNotContain(STRIPE).doesNotContain(GITHUB).doesNotContain(GENERIC));
        }

        @Test
        void masksRevealAtMostFourCharacters() {
            SecretScanner.Kind generic = SecretScanner.Kind.GENERIC_ASSIGNMENT;
            assertThat(SecretScanner.mask(generic, GENERIC)).isEqualTo("q8Z3…(25 chars)");
            assertThat(SecretScanner.mask(generic, "abcdefgh")).isEqualTo("ab…(8 chars)");
        }
    }

    @Nested
    class DoesNotFind {

        @ParameterizedTest
        @ValueSource(strings = {
                "pk_live_51H8aQ2eZvKYlo2C9x7Pq4Rt",                      // publishable Stripe key: public by design
                "sk_test_51H8aQ2eZvKYlo2C9x7Pq4Rt",                      // test-mode key
                "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE",
                "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU",
                "apiKey: \"YOUR_API_KEY_GOES_HERE_12345\"",               // placeholder
                "password = \"aaaaaaaaaaaaaaaaaaaaaaaa\"",               // no entropy
                "secret: process.env.SECRET_VALUE_FROM_ENVIRONMENT",    // not a literal
                "mapsApiKey: \"AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUv\"", // browser key, restricted by referrer
                "AKIAq3egrz7xk4wbn2pd",                                  // lower case: not an access key id
                "AKIAQ3EGRZ7XK4WBN2P",                                   // one character short
                "the secret to good UX is patience and many iterations"})
        void nearMisses(String body) {
            assertThat(SecretScanner.scan("x", body)).isEmpty();
        }
    }
}
