package dev.vantage.cli;

import dev.vantage.probe.load.LoadSettings;
import dev.vantage.config.TargetFields;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The opt-in load-run flags of {@code check}; without --load-rate and --load-duration nothing is sent. */
final class LoadOptions {

    @Option(names = "--load-rate", paramLabel = "PER_SECOND",
            description = "Opt in to a load run at this constant arrival rate (needs --load-duration; cap 1000/s). "
                    + "What will be sent is printed before sending.")
    Double loadRate;

    @Option(names = "--load-duration", paramLabel = "DURATION",
            description = "Length of the load run, e.g. 10s (needs --load-rate; cap 60s).")
    String loadDuration;

    @Option(names = "--load-connections", paramLabel = "N", defaultValue = "16",
            description = "Connections used by the load run at most (default: ${DEFAULT-VALUE}, cap 64).")
    int loadConnections;

    @Option(names = "--load-path", paramLabel = "PATH",
            description = "Path loaded (repeatable, round-robin; default: the target's path).")
    List<String> loadPaths = new ArrayList<>();

    @Option(names = "--load-warmup", paramLabel = "DURATION", defaultValue = "0s",
            description = "Warm-up before measuring (default: ${DEFAULT-VALUE}, cap 10s).")
    String loadWarmup;

    @Option(names = "--load-p95", paramLabel = "DURATION", defaultValue = "300ms",
            description = "Threshold: p95 latency under load must stay below this (default: ${DEFAULT-VALUE}).")
    String loadP95;

    @Option(names = "--load-max-errors", paramLabel = "PERCENT", defaultValue = "1",
            description = "Threshold: error rate under load must stay below this percentage (default: ${DEFAULT-VALUE}).")
    double loadMaxErrors;

    /**
     * The load settings, when both --load-rate and --load-duration were given.
     *
     * @param targetPath what to load when no --load-path was given: the target's own page
     * @throws IllegalArgumentException naming what is wrong
     */
    Optional<LoadSettings> settings(String targetPath) {
        if (loadRate == null && loadDuration == null) {
            return Optional.empty();
        }
        if (loadRate == null || loadDuration == null) {
            throw new IllegalArgumentException("a load run needs both --load-rate and --load-duration");
        }
        if (loadMaxErrors < 0 || loadMaxErrors > 100) {
            throw new IllegalArgumentException("--load-max-errors " + loadMaxErrors
                    + " must be a percentage from 0 to 100");
        }
        List<String> paths = loadPaths.isEmpty() ? List.of(targetPath) : List.copyOf(loadPaths);
        return Optional.of(LoadSettings.of(loadRate, duration("--load-duration", loadDuration))
                .withConnections(loadConnections).withWarmup(duration("--load-warmup", loadWarmup))
                .withP95Threshold(duration("--load-p95", loadP95)).withMaxErrorRatio(loadMaxErrors / 100.0)
                .withPaths(paths));
    }

    /** The file's duration rule, with the flag in front of a refusal. */
    static Duration duration(String flag, String text) {
        try {
            return TargetFields.duration(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(flag + ": " + e.getMessage());
        }
    }
}
