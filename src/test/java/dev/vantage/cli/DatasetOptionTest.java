package dev.vantage.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code check --dataset KIND=FILE}: a bad kind or file is a usage error, before any probe is sent. */
class DatasetOptionTest {

    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    private int run(String... args) {
        CommandLine cl = VantageCommand.commandLine();
        cl.setOut(new PrintWriter(new StringWriter(), true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void anUnknownKindNamesTheKnownOnes() {
        // .invalid never resolves: were the option accepted, the run would fail differently
        assertThat(run("check", "https://vantage-test.invalid/", "--dataset", "cves=x.json")).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("dataset kind 'cves' is not known: use vulnerabilities or end-of-life");
    }

    @Test
    void aMalformedFileNamesTheFileAndTheField() throws IOException {
        Path bad = Files.writeString(dir.resolve("eol.json"), "{\"format\": \"vantage-end-of-life/1\"}");

        assertThat(run("check", "https://vantage-test.invalid/", "--dataset", "end-of-life=" + bad))
                .isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains(bad + ": date: missing").doesNotContain("Exception");
    }
}
