package dev.vantage.notify;

import dev.vantage.fixtures.RequiredTool;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The receiver's verification example of docs/alerting.md, run as written against requests the sender made. */
class WebhookSignatureDocTest {

    static final Path DOC = Path.of("docs/alerting.md");
    static final Notification N = new Notification(Notification.Event.RESOLVED, "inc-42", "shop", "check",
            "security.hsts", "shop fails security.hsts", "max-age=10 \"quoted\" ünïcode", Instant.now(),
            Optional.of(Instant.now()), Optional.of("security.hsts no longer fails"));

    @Test
    void theJavaVerifierAcceptsTheSenderAndRefusesTamperingAndReplay() {
        Instant now = Instant.now();
        OutboundRequest r = new WebhookChannel("hook", java.net.URI.create("http://127.0.0.1/"), "s3cret").render(N, now);
        String ts = r.headers().get(WebhookSignature.TIMESTAMP_HEADER);
        String sig = r.headers().get(WebhookSignature.SIGNATURE_HEADER);
        Duration tol = Duration.ofMinutes(5);
        assertThat(WebhookSignature.verify("s3cret", ts, sig, r.body(), now, tol)).isTrue();
        assertThat(WebhookSignature.verify("other", ts, sig, r.body(), now, tol)).isFalse();
        assertThat(WebhookSignature.verify("s3cret", ts, sig, r.body() + " ", now, tol)).isFalse();
        assertThat(WebhookSignature.verify("s3cret", ts, sig, r.body(), now.plusSeconds(301), tol)).isFalse();
        assertThat(r.headers()).containsEntry("Idempotency-Key", "inc-42:resolved");
    }

    @Test
    void thePythonExampleOfTheDocsVerifiesWhatTheSenderSigned() throws Exception {
        Path python = RequiredTool.binary("python3", "apt-get install -y python3");
        Matcher m = Pattern.compile("<!-- verify-example -->\\s*```python\\n(.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(DOC));
        assertThat(m.find()).as("the verification example in " + DOC).isTrue();
        OutboundRequest r = new WebhookChannel("hook", java.net.URI.create("http://127.0.0.1/"), "s3cret")
                .render(N, Instant.now());
        Path dir = Files.createTempDirectory("sig");
        Files.write(dir.resolve("body"), r.body().getBytes(StandardCharsets.UTF_8));
        String script = m.group(1) + """

                import sys
                body = open(sys.argv[1], "rb").read()
                ok = verify(b"s3cret", sys.argv[2], sys.argv[3], body)
                bad = verify(b"s3cret", sys.argv[2], sys.argv[3], body + b" ")
                old = verify(b"s3cret", str(int(sys.argv[2]) - 3600), sys.argv[3], body)
                print(ok, bad, old)
                """;
        Files.writeString(dir.resolve("verify.py"), script);
        Process p = new ProcessBuilder(List.of(python.toString(), dir.resolve("verify.py").toString(),
                dir.resolve("body").toString(), r.headers().get(WebhookSignature.TIMESTAMP_HEADER),
                r.headers().get(WebhookSignature.SIGNATURE_HEADER))).redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(out).isEqualTo("True False False");
    }
}
