package dev.vantage.cli;

import dev.vantage.check.Checks;
import dev.vantage.config.ConfigLoader;
import dev.vantage.plan.RunBudget;
import dev.vantage.plan.RunPlanner;
import dev.vantage.config.VantageConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;

/** {@code vantage validate}: checks a configuration file and lists every problem, without starting anything. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Validate a configuration file: every problem is listed with its path in the file.")
public final class ValidateCommand implements java.util.concurrent.Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", defaultValue = "config/vantage.yaml",
            description = "YAML configuration file (default: ${DEFAULT-VALUE}).")
    Path config;

    @Override
    public Integer call() {
        VantageConfig loaded = loadOrReport(config, spec.commandLine().getErr());
        if (loaded == null) {
            return ExitCode.USAGE;
        }
        spec.commandLine().getOut().println(config + ": valid (" + loaded.targets().size() + " targets)");
        // What the file will send, said before the service ever runs it: each target's daily budget, and what a
        // load run sends beyond ordinary probes.
        RunPlanner planner = new RunPlanner(loaded.probing(), dev.vantage.config.Secrets.unresolved(), Checks.all());
        loaded.targets().forEach(t -> {
            spec.commandLine().getOut().println("  " + t.name() + ": "
                    + RunBudget.of(planner, t, Checks.all()).describe());
            t.load().ifPresent(load -> spec.commandLine().getOut().println("  " + t.name() + ": "
                    + load.describe(t.url()) + "; on each load run, once the site serves its ownership token"));
        });
        return ExitCode.OK;
    }

    /** Loads the file, or prints every problem and returns null. */
    static VantageConfig loadOrReport(Path file, PrintWriter err) {
        ConfigLoader.Result result = ConfigLoader.load(file);
        if (result.ok()) {
            return result.config().orElseThrow();
        }
        err.println("vantage: " + file + " is not a valid configuration (" + result.errors().size() + " problem"
                + (result.errors().size() == 1 ? "" : "s") + "):");
        result.errors().forEach(e -> err.println("  " + e));
        return null;
    }
}
