package dev.vantage.cli;

import dev.vantage.check.Check;
import dev.vantage.check.CheckSelection;
import dev.vantage.check.Checks;
import dev.vantage.config.TargetFields;
import dev.vantage.config.TargetSpec;
import dev.vantage.dataset.DatasetFiles;
import dev.vantage.dataset.Datasets;
import dev.vantage.pipeline.CarriedEvidence;
import dev.vantage.plan.OneShot;
import dev.vantage.plan.RunPlanner;
import dev.vantage.probe.ProbeKind;
import dev.vantage.probe.RunPlan;
import dev.vantage.grade.Grade;
import dev.vantage.grade.Grader;
import dev.vantage.grade.ScoringTable;
import dev.vantage.pipeline.ProbePipeline;
import dev.vantage.pipeline.SiteAssessor;
import dev.vantage.probe.AddressPolicy;
import dev.vantage.probe.ProbeOptions;
import dev.vantage.probe.http.Header;
import dev.vantage.probe.load.LoadSettings;
import dev.vantage.probe.ratelimit.RateLimitSettings;
import dev.vantage.report.Report;
import dev.vantage.report.ReportFormat;
import dev.vantage.probe.http.HeaderArg;
import dev.vantage.target.ResolvePin;
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
                "  vantage check https://shop.example/ --no-browser",
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
            description = "Total deadline of the probe run, e.g. 10s, 1500ms; at most 5m, as timeout in the config "
                    + "(default: ${DEFAULT-VALUE}).")
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

    @Option(names = "--check", paramLabel = "ID",
            description = "Run only this check, or the checks of a prefix such as tls. (repeatable; as checks.enable "
                    + "in the config file). Probes no selected check reads are not sent.")
    List<String> enable = new ArrayList<>();

    @Option(names = "--skip-check", paramLabel = "ID",
            description = "Never run this check or prefix (repeatable; as checks.disable in the config file).")
    List<String> disable = new ArrayList<>();

    @CommandLine.Mixin
    BrowserOptions browser;


    @Override
    public Integer call() throws Exception {
        ReportFormat reportFormat = reportFormat();
        Grade bar = failUnder == null ? null : Grade.parse(failUnder).orElseThrow(() -> new UsageException(
                "--fail-under '" + failUnder + "' is not a grade: use one of A+, A, A-, B+, B, B-, C+, C, C-, D+, D, "
                        + "D-, F"));
        if (certWarnDays < 0 || certWarnDays > 365) {
            throw new UsageException("--cert-warn-days " + certWarnDays + " must be between 0 and 365");
        }
        TargetSpec settings = targetSettings();
        Datasets data = datasets();
        List<Check> checks = Checks.all(certWarnDays, data);
        RunPlan plan = RunPlanner.forCommandLine(checks).oneShot(settings, oneShot());
        URI target = plan.target();

        Report report = run(plan, new CheckSelection(settings.enable(), settings.disable()), checks);
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

    /**
     * The flags as the same settings record the config file and the API produce, each value checked by the same
     * {@link TargetFields} rule, so a bad value gets the same words with the flag in front.
     */
    TargetSpec targetSettings() {
        URI target = flag(null, () -> TargetFields.url(url));
        Duration deadline = flag("--timeout", () -> TargetFields.timeout(timeout));
        int port = flag("--http-port", () -> TargetFields.httpPort(httpPort));
        Optional<Path> ca = caFile == null ? Optional.empty()
                : Optional.of(flag("--ca-file", () -> TargetFields.caFile(caFile)));
        Map<String, String> pins = new LinkedHashMap<>();
        for (String r : resolve) {
            ResolvePin pin = flag("--resolve", () -> TargetFields.resolvePin(r));
            pins.put(pin.key(), pin.address());
        }
        Map<String, String> extra = new LinkedHashMap<>();
        for (String h : headers) {
            Header header = flag("--header", () -> HeaderArg.parse(h));
            if (extra.keySet().stream().anyMatch(k -> k.equalsIgnoreCase(header.name()))) {
                throw new UsageException("--header: header '" + header.name() + "' is given twice: a target sends "
                        + "one value per header");
            }
            extra.put(header.name(), header.value());
        }
        enable.forEach(id -> flag("--check", () -> TargetFields.checkName(id)));
        disable.forEach(id -> flag("--skip-check", () -> TargetFields.checkName(id)));
        Optional<LoadSettings> loadRun = flag(null, () -> load.settings(targetPath(target)));
        return TargetSpec.commandLine(target, enable, disable, deadline, extra, ca, pins, port, loadRun);
    }

    /** What only the one-shot run decides: address policy, User-Agent, body cap, burst, browser. */
    OneShot oneShot() {
        if (maxBody < 1024 || maxBody > 64L * 1024 * 1024) {
            throw new UsageException("--max-body " + maxBody + " must be between 1024 and 67108864 bytes");
        }
        if (userAgent != null && (userAgent.isBlank() || userAgent.chars().anyMatch(c -> c < 0x20))) {
            throw new UsageException("--user-agent must be non-empty printable text");
        }
        Optional<RateLimitSettings> burst = flag(null, rateLimit::settings);
        return new OneShot(allowPrivate ? AddressPolicy.ALLOW_INTERNAL : AddressPolicy.ONE_SHOT,
                Optional.ofNullable(userAgent), maxBody, burst, browser.requested());
    }

    private static String targetPath(URI target) {
        return target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
    }

    /** The datasets named by {@code --dataset}, read now so a bad file is a usage error before any probe is sent. */
    Datasets datasets() {
        DatasetFiles files = DatasetFiles.BUNDLED;
        for (String d : datasets) {
            DatasetFiles current = files;
            files = flag("--dataset", () -> current.with(d));
        }
        return flag("--dataset", files::load);
    }

    private Report run(RunPlan plan, CheckSelection selection, List<Check> checks) throws Exception {
        ProbeOptions options = plan.options();
        // Load is sent only on explicit flags, and the person sees what will be sent before it is.
        options.load().ifPresent(load -> spec.commandLine().getErr().println("vantage: "
                + load.describe(plan.target())));
        if (plan.sends(ProbeKind.BROWSER)) {
            browser.missing().ifPresent(line -> spec.commandLine().getErr().println("vantage: " + line));
        }
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(4));
        try (BrowserOptions.Applied located = browser.apply()) {
            SiteAssessor assessor = new ProbePipeline(vertx, checks, new Grader(ScoringTable.current()));
            // The probe run has its own deadline; this outer wait only guards against a bug in it.
            long guardMillis = options.timeout().toMillis() + 15_000;
            return assessor.assess(plan, selection, CarriedEvidence.NONE).toCompletionStage().toCompletableFuture()
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

    /** A flag's value through its rule; a refusal is a usage error naming the flag (or, for null, already named). */
    private static <T> T flag(String flag, java.util.function.Supplier<T> rule) {
        try {
            return rule.get();
        } catch (IllegalArgumentException e) {
            throw new UsageException(flag == null ? e.getMessage() : flag + ": " + e.getMessage());
        }
    }
}
