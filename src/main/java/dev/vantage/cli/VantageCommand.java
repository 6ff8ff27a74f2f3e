package dev.vantage.cli;

import dev.vantage.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** The top-level {@code vantage} command: holds the subcommands and the shared error handling. */
@Command(name = "vantage",
        mixinStandardHelpOptions = true,
        versionProvider = VantageCommand.VersionProvider.class,
        description = {
                "Grades a live web deployment from the outside: TLS, HTTPS redirects, security headers, cookies,",
                "CORS and more, against a production-readiness checklist."},
        subcommands = {CheckCommand.class, ServeCommand.class, ValidateCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 grade below --fail-under, 2 usage error, 3 target unreachable, "
                + "4 internal error.",
                "Documentation: README.md and docs/ in the source tree."})
public final class VantageCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        // No subcommand: show what there is to run.
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Builds the picocli command line with Vantage's error handling (one-line usage errors, exit code 2). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new VantageCommand());
        cl.setParameterExceptionHandler(VantageCommand::usageError);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof UsageException) {
                return usage(cmd, ex.getMessage());
            }
            org.slf4j.LoggerFactory.getLogger(VantageCommand.class).error("internal error", ex);
            cmd.getErr().println("vantage: internal error: " + ex + " (see the log for details)");
            return ExitCode.INTERNAL;
        });
        return cl;
    }

    public static int run(String... args) {
        return commandLine().execute(args);
    }

    private static int usageError(CommandLine.ParameterException ex, String[] args) {
        return usage(ex.getCommandLine(), ex.getMessage());
    }

    private static int usage(CommandLine cmd, String message) {
        PrintWriter err = cmd.getErr();
        err.println("vantage: " + message);
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        return ExitCode.USAGE;
    }

    /** Reads the version from the jar manifest. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"vantage " + Version.current(),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
