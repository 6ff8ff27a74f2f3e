package dev.vantage.cli;

import dev.vantage.check.Checks;
import dev.vantage.check.tls.TlsChecks;
import dev.vantage.config.VantageConfig;
import dev.vantage.grade.Grader;
import dev.vantage.grade.ScoringTable;
import dev.vantage.pipeline.ProbePipeline;
import dev.vantage.report.JsonReportRenderer;
import dev.vantage.service.VantageService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code vantage serve}: runs the service (schedules, store, REST API, /metrics) until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run the service: probe the configured targets on their schedules, store every result,",
                "serve the REST API, report cards and /metrics for Prometheus."},
        footer = {"", "The configuration is validated first; an invalid file lists every problem and exits 2.",
                "Stop with SIGTERM or Ctrl-C: running probes finish (bounded), then the database closes."})
public final class ServeCommand implements java.util.concurrent.Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", defaultValue = "config/vantage.yaml",
            description = "YAML configuration file (default: ${DEFAULT-VALUE}).")
    Path config;

    @Override
    public Integer call() throws Exception {
        VantageConfig loaded = ValidateCommand.loadOrReport(config, spec.commandLine().getErr());
        if (loaded == null) {
            return ExitCode.USAGE;
        }
        JsonReportRenderer json = new JsonReportRenderer();
        VantageService service = new VantageService(vertx -> new ProbePipeline(vertx,
                Checks.all(TlsChecks.DEFAULT_EXPIRY_WARN_DAYS, loaded.datasets()), new Grader(ScoringTable.current())),
                json::render);
        try {
            service.start(loaded).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            spec.commandLine().getErr().println("vantage: the service could not start: " + e.getCause().getMessage());
            LOG.error("start-up failed", e.getCause());
            return ExitCode.INTERNAL;
        }
        spec.commandLine().getErr().println("vantage: serving on port " + service.port() + " (" + config + ")");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                service.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("shutdown did not complete cleanly", e);
            } finally {
                stopped.countDown();
            }
        }, "vantage-shutdown"));
        stopped.await();
        return ExitCode.OK;
    }
}
