package dev.vantage.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vantage.config.Secrets;
import dev.vantage.config.TargetParser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code vantage check}'s flags and a target in the config file (or the API, which shares the parser) refuse the same
 * bad values with the same words: each front door only adds where the value was written (issue 10, "the CLI and the
 * YAML/API apply the same rules").
 */
class FrontDoorsAgreeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Never contacted: every row is refused before anything is sent. */
    private static final String URL = "https://127.0.0.1:9/";

    /**
     * @param flags  what {@code check} is given after its URL (the URL itself when {@code url} is set)
     * @param target the same value as target keys, in JSON
     * @param core   the words both must say
     */
    record Row(String what, String url, List<String> flags, String target, String core) {
        @Override
        public String toString() {
            return what;
        }
    }

    static Stream<Row> rows() {
        return Stream.of(
                new Row("timeout over the one limit", URL, List.of("--timeout", "6m"), "{\"timeout\": \"6m\"}",
                        "6m must be more than 0 and at most 5m"),
                new Row("timeout that is no duration", URL, List.of("--timeout", "soon"), "{\"timeout\": \"soon\"}",
                        "\"soon\" is not a duration like 10s, 500ms"),
                new Row("URL of another scheme", "ftp://example.com/", List.of(), "{\"url\": \"ftp://example.com/\"}",
                        "\"ftp://example.com/\" is not an absolute http:// or https:// URL with a host (and no "
                                + "user:password@): has unsupported scheme 'ftp'"),
                new Row("URL with credentials", "https://u:p@example.com/", List.of(),
                        "{\"url\": \"https://u:p@example.com/\"}", "contains user credentials"),
                new Row("URL with an octal host", "https://0177.0.0.1/", List.of(),
                        "{\"url\": \"https://0177.0.0.1/\"}", "\"https://0177.0.0.1/\" is not an absolute"),
                new Row("header the prober manages", URL, List.of("-H", "Host: x"), "{\"headers\": {\"Host\": \"x\"}}",
                        "header 'Host' is managed by the prober and cannot be set"),
                new Row("header name with a space", URL, List.of("-H", "Bad Name: x"),
                        "{\"headers\": {\"Bad Name\": \"x\"}}", "header name 'Bad Name' has characters"),
                new Row("CA file that does not exist", URL, List.of("--ca-file", "/nonexistent/ca.pem"),
                        "{\"ca-file\": \"/nonexistent/ca.pem\"}",
                        "file /nonexistent/ca.pem does not exist or is not readable"),
                new Row("CA file that is a directory", URL, List.of("--ca-file", "/"), "{\"ca-file\": \"/\"}",
                        "/ is a directory, not a PEM file"),
                new Row("resolve pin without an address", URL, List.of("--resolve", "example.com:443"),
                        "{\"resolve\": [\"example.com:443\"]}",
                        "'example.com:443' must look like HOST:PORT:ADDRESS"),
                new Row("resolve pin to an octal address", URL, List.of("--resolve", "example.com:443:0177.0.0.1"),
                        "{\"resolve\": [\"example.com:443:0177.0.0.1\"]}",
                        "'example.com:443:0177.0.0.1' must look like HOST:PORT:ADDRESS"),
                new Row("check name that names no check", URL, List.of("--check", "security.nope"),
                        "{\"checks\": {\"enable\": [\"security.nope\"]}}",
                        "\"security.nope\" is not a check id or id prefix"),
                new Row("skipped check name that names no check", URL, List.of("--skip-check", "tls.nope"),
                        "{\"checks\": {\"disable\": [\"tls.nope\"]}}", "\"tls.nope\" is not a check id or id prefix"),
                new Row("HTTP port out of range", URL, List.of("--http-port", "70000"), "{\"http-port\": 70000}",
                        "70000 is out of range: a port is from 1 to 65535"),
                new Row("load rate over its cap", URL, List.of("--load-rate", "5000", "--load-duration", "5s"),
                        "{\"load\": {\"rate\": 5000, \"duration\": \"5s\"}}", "load rate 5000.0/s must be above 0"),
                new Row("load duration over its cap", URL, List.of("--load-rate", "10", "--load-duration", "5m"),
                        "{\"load\": {\"rate\": 10, \"duration\": \"5m\"}}", "load duration"),
                new Row("load warm-up that is no duration", URL, List.of("--load-rate", "10", "--load-duration", "5s",
                        "--load-warmup", "briefly"),
                        "{\"load\": {\"rate\": 10, \"duration\": \"5s\", \"warmup\": \"briefly\"}}",
                        "\"briefly\" is not a duration like 10s, 500ms"),
                new Row("load connections over their cap", URL, List.of("--load-rate", "10", "--load-duration", "5s",
                        "--load-connections", "100"),
                        "{\"load\": {\"rate\": 10, \"duration\": \"5s\", \"connections\": 100}}",
                        "load connections 100 must be between 1 and 64"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void theCommandLineAndTheConfigRefuseALikeWithTheSameWords(Row row) throws Exception {
        StringWriter err = new StringWriter();
        CommandLine cl = VantageCommand.commandLine();
        cl.setOut(new PrintWriter(new StringWriter(), true));
        cl.setErr(new PrintWriter(err, true));
        List<String> args = new ArrayList<>(List.of("check", row.url()));
        args.addAll(row.flags());
        assertThat(cl.execute(args.toArray(String[]::new))).as(err.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).startsWith("vantage: ").contains(row.core());

        ObjectNode target = JSON.createObjectNode().put("name", "t").put("url", URL);
        target.putObject("schedule").put("interval", "60s");
        target.setAll((ObjectNode) JSON.readTree(row.target()));
        List<String> problems = new ArrayList<>();
        assertThat(TargetParser.forConfigFile(Secrets.unresolved()).parse(target, "targets[0]", problems)).isEmpty();
        assertThat(problems).as("config problems").anySatisfy(p -> assertThat(p).startsWith("targets[0].")
                .contains(row.core()));
    }
}
