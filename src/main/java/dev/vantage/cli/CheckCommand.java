package dev.vantage.cli;

import dev.vantage.check.Checks;
import dev.vantage.dataset.DatasetFiles;
import dev.vantage.dataset.Datasets;
import dev.vantage.grade.Grade;
import dev.vantage.grade.Grader;
import dev.vantage.grade.ScoringTable;
import dev.vantage.pipeline.ProbePipeline;
import dev.vantage.pipeline.SiteAssessor;
import dev.vantage.probe.AddressPolicy;
import dev.vantage.probe.ProbeOptions;
import dev.vantage.probe.http.Header;
import dev.vantage.probe.http.Headers;
import dev.vantage.probe.load.LoadSettings;
import dev.vantage.probe.ratelimit.RateLimitSettings;
import dev.vantage.report.Report;
import dev.vantage.report.ReportFormat;
import dev.vantage.target.Durations;
import dev.vantage.probe.http.HeaderArg;
import dev.vantage.target.ResolvePin;
import dev.vantage.target.TargetUrl;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@code vantage check URL}: probes one target once, prints its report card and exits with a verdict. */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Probe a target once and print its report card.",
                "Grades HTTPS redirects, security headers (HSTS, CSP, framing...), cookies, CORS and more."},
        footer = {"", "Examples:",
                "  vantage check https://example.com/",
                "  vantage check https://staging.internal/ --ca-file internal-ca.pem --fail-under B --format junit",
                "  vantage check https://app.example.com/ --resolve app.example.com:443:10.0.0.5",
                "", "Exit codes: 0 ok, 1 grade below --fail-under, 2 usage error, 3 target unreachable, "
                + "4 internal error."})
public final class CheckCommand implements java.util.concurrent.Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "URL", description = "The page to grade: http(s)://host[:port]/path")
    String url;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output format: text, json or junit (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--fail-under", paramLabel = "GRADE",
            description = "Exit 1 when the overall grade is below GRADE (e.g. B, A-, A+).")
    String failUnder;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s",
            description = "Total deadline of the probe run, e.g. 10s, 1500ms (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "80",
            description = "Port of the plain-HTTP listener probed for the HTTPS redirect (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--ca-file", paramLabel = "PEM",
            description = "Also trust the CA certificates in this PEM file (for internal sites).")
    Path caFile;

    @Option(names = "--resolve", paramLabel = "HOST:PORT:ADDR",
            description = "Connect to ADDR for HOST:PORT instead of resolving it (repeatable, as in curl).")
    List<String> resolve = new ArrayList<>();

    @Option(names = {"-H", "--header"}, paramLabel = "'NAME: VALUE'",
            description = "Extra request header sent with every probe request (repeatable).")
    List<String> headers = new ArrayList<>();

    @Option(names = "--user-agent", paramLabel = "TEXT", description = "User-Agent sent with probe requests.")
    String userAgent;

    @Option(names = "--max-body", paramLabel = "BYTES", defaultValue = "2097152",
            description = "Bytes of a response body read at most (default: ${DEFAULT-VALUE}).")
    long maxBody;

    @CommandLine.Mixin
    RateLimitOptions rateLimit;

    @CommandLine.Mixin
    LoadOptions load;

    @Option(names = "--cert-warn-days", paramLabel = "DAYS", defaultValue = "30",
            description = "Warn when the certificate expires within DAYS (default: ${DEFAULT-VALUE}).")
    int certWarnDays;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the report to FILE instead of standard output.")
    Path output;

    @Option(names = "--allow-private", description = {"Follow redirects from a public address into loopback or "
            + "private ranges (refused by default: a public site must not steer the probe into your network).",
            "A target given directly as an internal address is always probed; link-local and metadata addresses "
            + "never are."})
    boolean allowPrivate;

    @Option(names = "--dataset", paramLabel = "KIND=FILE", description = {"Judge software versions with FILE "
            + "instead of the bundled data; KIND is vulnerabilities (retire.js jsrepository.json) or end-of-life "
            + "(see docs/datasets.md). Repeatable."})
    List<String> datasets = new ArrayList<>();

    @Option(names = "--no-color", description = "Never colour the text report (colour is used only on a terminal).")
    boolean noColor;


    @Override
    public Integer call() throws Exception {
        URI target = parse(() -> TargetUrl.parse(url));
        ReportFormat reportFormat = reportFormat();
        Grade bar = failUnder == null ? null : Grade.parse(failUnder).orElseThrow(() -> new UsageException(
                "--fail-under '" + failUnder + "' is not a grade: use one of A+, A, A-, B+, B, B-, C+, C, C-, D+, D, "
                        + "D-, F"));
        ProbeOptions options = probeOptions();
        if (certWarnDays < 0 || certWarnDays > 365) {
            throw new UsageException("--cert-warn-days " + certWarnDays + " must be between 0 and 365");
        }
        Datasets data = datasets();

        Report report = run(target, options, data);
        String rendered = reportFormat.renderer(useColour()).render(report);
        if (output != null) {
            writeOutput(rendered);
        } else {
            spec.commandLine().getOut().print(rendered);
            spec.commandLine().getOut().flush();
        }
        if (report.unreachable().isPresent()) {
            spec.commandLine().getErr().println("vantage: could not reach " + target + ": "
                    + report.unreachable().get().describe());
            return ExitCode.UNREACHABLE;
        }
        if (bar != null && report.grade().isWorseThan(bar)) {
            spec.commandLine().getErr().println("vantage: grade " + report.grade().letter() + " is below the bar "
                    + bar.letter() + " (--fail-under)");
            return ExitCode.BELOW_BAR;
        }
        return ExitCode.OK;
    }

    ReportFormat reportFormat() {
        return ReportFormat.parse(format).orElseThrow(() -> new UsageException(
                "--format '" + format + "' is not known: use one of " + ReportFormat.choices()));
    }

    ProbeOptions probeOptions() {
        Duration deadline = parse(() -> Durations.parse(timeout));
        if (deadline.isZero() || deadline.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new UsageException("--timeout " + timeout + " must be between 1ms and 10m");
        }
        if (httpPort < 1 || httpPort > 65535) {
            throw new UsageException("--http-port " + httpPort + " is out of range: it must be from 1 to 65535");
        }
        if (maxBody < 1024 || maxBody > 64L * 1024 * 1024) {
            throw new UsageException("--max-body " + maxBody + " must be between 1024 and 67108864 bytes");
        }
        Map<String, String> pins = new LinkedHashMap<>();
        for (String r : resolve) {
            ResolvePin pin = parse(() -> ResolvePin.parse(r));
            pins.put(pin.key(), pin.address());
        }
        List<Header> extra = new ArrayList<>();
        for (String h : headers) {
            extra.add(parse(() -> HeaderArg.parse(h)));
        }
        ProbeOptions options = ProbeOptions.defaults().withTimeout(deadline).withHttpPort(httpPort)
                .withResolve(pins).withExtraHeaders(new Headers(extra)).withMaxBodyBytes(maxBody)
                .withAddressPolicy(allowPrivate ? AddressPolicy.ALLOW_INTERNAL : AddressPolicy.ONE_SHOT);
        if (userAgent != null) {
            if (userAgent.isBlank() || userAgent.chars().anyMatch(c -> c < 0x20)) {
                throw new UsageException("--user-agent must be non-empty printable text");
            }
            options = options.withUserAgent(userAgent);
        }
        Optional<RateLimitSettings> burst = parse(rateLimit::settings);
        if (burst.isPresent()) {
            options = options.withRateLimit(burst.get());
        }
        Optional<LoadSettings> loadRun = parse(() -> load.settings(targetPath()));
        if (loadRun.isPresent()) {
            options = options.withLoad(loadRun.get());
        }
        if (caFile != null) {
            if (!Files.isReadable(caFile) || Files.isDirectory(caFile)) {
                throw new UsageException("--ca-file " + caFile + " is not a readable file");
            }
            options = options.withCaFile(caFile);
        }
        return options;
    }

    private String targetPath() {
        URI target = TargetUrl.parse(url);
        return target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
    }

    /** The datasets named by {@code --dataset}, read now so a bad file is a usage error before any probe is sent. */
    Datasets datasets() {
        DatasetFiles files = DatasetFiles.BUNDLED;
        for (String d : datasets) {
            DatasetFiles current = files;
            files = parse(() -> current.with(d));
        }
        return parse(files::load);
    }

    private Report run(URI target, ProbeOptions options, Datasets data) throws Exception {
        // Load is sent only on explicit flags, and the person sees what will be sent before it is.
        options.load().ifPresent(load -> spec.commandLine().getErr().println("vantage: "
                + load.describe(target)));
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(4));
        try {
            SiteAssessor assessor = new ProbePipeline(vertx, Checks.all(certWarnDays, data),
                    new Grader(ScoringTable.current()));
            // The probe run has its own deadline; this outer wait only guards against a bug in it.
            long guardMillis = options.timeout().toMillis() + 15_000;
            return assessor.assess(target, options).toCompletionStage().toCompletableFuture()
                    .get(guardMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the probe run did not finish within its deadline", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof IllegalArgumentException bad) {
                // e.g. a --ca-file that holds no certificate: the user's input, not a bug
                throw new UsageException(bad.getMessage());
            }
            throw e;
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private void writeOutput(String rendered) {
        try {
            Path parent = output.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(output, rendered);
        } catch (IOException e) {
            throw new UsageException("cannot write the report to " + output + ": " + e.getMessage());
        }
    }

    private boolean useColour() {
        return !noColor && System.console() != null && System.getenv("NO_COLOR") == null
                && output == null;
    }

    private static <T> T parse(java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
