package dev.vantage.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** Usage errors end with exit code 2 and one line naming the problem, before any network activity. */
class CheckCommandUsageTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = VantageCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "example.com|has no scheme",
            "ftp://example.com/|unsupported scheme",
            "https://example.com:99999/|out of range"})
    void badUrlsExitWithTwoAndSayWhatIsWrong(String url, String message) {
        assertThat(run("check", url)).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).startsWith("vantage: ").contains(message).doesNotContain("Exception")
                .doesNotContain("\tat ");
    }

    @Test
    void malformedResolveIsAUsageError() {
        assertThat(run("check", "https://example.com/", "--resolve", "example.com:443")).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("HOST:PORT:ADDRESS");
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertThat(run("check", "https://example.com/", "--insecure")).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("Unknown option: '--insecure'");
    }

    @Test
    void unknownGradeAndFormatAreUsageErrors() {
        assertThat(run("check", "https://example.com/", "--fail-under", "Q")).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("--fail-under 'Q' is not a grade");
        assertThat(run("check", "https://example.com/", "--format", "xml")).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("--format 'xml' is not known");
    }

    @Test
    void badNumbersAndFilesAreUsageErrors() {
        assertThat(run("check", "https://example.com/", "--timeout", "soon")).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("--timeout: \"soon\" is not a duration");
        assertThat(run("check", "https://example.com/", "--http-port", "0")).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("--http-port: 0 is out of range");
        assertThat(run("check", "https://example.com/", "--ca-file", "/nonexistent/ca.pem"))
                .isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("--ca-file: file /nonexistent/ca.pem does not exist or is not readable");
    }

    @Test
    void rateLimitSettingsOutOfBoundsAreUsageErrors() {
        assertThat(run("check", "https://example.com/", "--rate-limit-path", "/login",
                "--rate-limit-max-requests", "501")).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("max-requests 501 must be between 1 and 500");
        assertThat(run("check", "https://example.com/", "--rate-limit-path", "/login",
                "--rate-limit-method", "DELETE")).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("DELETE");
    }

    @Test
    void certificateWarningWindowIsBounded() {
        assertThat(run("check", "https://example.com/", "--cert-warn-days", "400")).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("--cert-warn-days 400 must be between 0 and 365");
    }

    @Test
    void aCaFileWithoutCertificatesIsAUsageError(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path notPem = java.nio.file.Files.writeString(dir.resolve("ca.pem"), "not a certificate\n");
        // 127.0.0.1:9 is never contacted: the CA file is rejected before any probe starts.
        assertThat(run("check", "https://127.0.0.1:9/", "--ca-file", notPem.toString())).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("ca.pem").doesNotContain("internal error");
    }

    @Test
    void aLoadRunNeedsRateAndDurationWithinTheirCaps() {
        assertThat(run("check", "https://example.com/", "--load-rate", "50")).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("needs both --load-rate and --load-duration");
        assertThat(run("check", "https://example.com/", "--load-rate", "5000", "--load-duration", "5s"))
                .isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("rate");
        assertThat(run("check", "https://example.com/", "--load-rate", "50", "--load-duration", "5m"))
                .isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("duration");
    }

    @Test
    void missingUrlIsAUsageError() {
        assertThat(run("check")).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("Missing required parameter: 'URL'");
    }

    @Test
    void versionAndHelpExitZero() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).startsWith("vantage ");
        assertThat(run("check", "--help")).isZero();
        assertThat(out.toString()).contains("--fail-under").contains("--resolve").doesNotContain("--insecure");
    }
}
