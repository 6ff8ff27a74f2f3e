package dev.vantage.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code vantage validate} and {@code vantage serve} refuse a bad file with every problem listed, exit 2. */
class ValidateCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = VantageCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void theShippedExampleIsValid() {
        assertThat(run("validate", "--config", "config/vantage.yaml")).isZero();
        assertThat(out.toString()).contains("config/vantage.yaml: valid (2 targets)");
    }

    @Test
    void aLoadRunIsSpelledOutBeforeTheServiceEverSendsIt(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("load.yaml"), """
                targets:
                  - name: login
                    url: https://shop.example/login
                    schedule: {interval: 15m}
                    load: {rate: 50, duration: 10s, warmup: 2s}
                """);
        assertThat(run("validate", "--config", file.toString())).isZero();
        assertThat(out.toString()).contains("valid (1 targets)")
                .contains("  login: load run: 50 req/s for 10 s (+2 s warmup), about 600 GET requests to "
                        + "https://shop.example /login over at most 16 connections")
                .contains("once the site serves its ownership token")
                .as("the daily budget: 96 pulses, one audit, one load run of 600 requests (warmup included) + the page")
                .contains("  login: ≈ 96 pulse requests and 1 audit of ≈ ")
                .contains(" + ≈ 100 TLS handshakes + 2 browser page loads (with their subresources), 1 load run of 601 requests a day");
    }

    @Test
    void checkSelectionShrinksTheAuditInTheBudget(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("status.yaml"), """
                targets:
                  - name: status
                    url: https://shop.example/
                    schedule: {interval: 60s}
                    audit: {every: 12h}
                    checks: {enable: [reliability.page-status]}
                """);
        assertThat(run("validate", "--config", file.toString())).isZero();
        assertThat(out.toString()).contains("  status: ≈ 1,440 pulse requests and 2 audits of ≈ 1 request a day");
    }

    @Test
    void everyProblemIsListedAndTheExitCodeIsTwo(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), """
                server: {port: 70000}
                targets:
                  - name: Bad Name
                    url: ftp://x
                    schedule: {interval: 5x}
                    resolve: ["example.com:443"]
                    checks: {disable: [security.hsst]}
                """);
        assertThat(run("validate", "--config", bad.toString())).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("is not a valid configuration")
                .contains("server.port").contains("targets[0].name").contains("targets[0].url")
                .contains("targets[0].schedule").contains("targets[0].resolve[0]")
                .contains("targets[0].checks.disable[0]: \"security.hsst\" is not a check id").doesNotContain("Exception");
    }

    @Test
    void serveRefusesAnInvalidFileBeforeStartingAnything(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "targets: 3\n");
        assertThat(run("serve", "--config", bad.toString())).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("targets");
    }

    @Test
    void aMissingFileIsNamed() {
        assertThat(run("validate", "--config", "/nonexistent/vantage.yaml")).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("/nonexistent/vantage.yaml");
    }
}
