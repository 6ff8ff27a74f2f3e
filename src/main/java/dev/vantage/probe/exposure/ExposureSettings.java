package dev.vantage.probe.exposure;

import java.util.List;

/**
 * What the exposure probe requests beyond the fixed sensitive paths, and how much of it.
 *
 * @param healthPaths       health endpoints tried, in order (a configured path first, then the common ones)
 * @param maxScripts        same-origin scripts of the page fetched at most
 * @param maxScriptBytes    bytes of each script read at most
 * @param maxSourceMaps     source maps referenced by those scripts requested at most
 * @param maxPathBodyBytes  bytes of each sensitive-path, error and health answer read at most
 * @param oversizedHeaderBytes size of the one oversized request header sent
 * @param concurrency       requests of the exposure probe in flight at once
 */
public record ExposureSettings(List<String> healthPaths, int maxScripts, long maxScriptBytes, int maxSourceMaps,
                               long maxPathBodyBytes, int oversizedHeaderBytes, int concurrency) {

    public static final List<String> COMMON_HEALTH_PATHS = List.of("/health", "/healthz", "/actuator/health",
            "/status");

    public ExposureSettings {
        healthPaths = List.copyOf(healthPaths);
        if (healthPaths.stream().anyMatch(p -> !p.startsWith("/"))) {
            throw new IllegalArgumentException("health paths must start with /: " + healthPaths);
        }
    }

    public static ExposureSettings defaults() {
        return new ExposureSettings(COMMON_HEALTH_PATHS, 8, 1024 * 1024, 3, 64 * 1024, 32 * 1024, 4);
    }

    /** Tries {@code path} first, then the common paths. */
    public ExposureSettings withHealthPath(String path) {
        List<String> paths = new java.util.ArrayList<>(List.of(path));
        COMMON_HEALTH_PATHS.stream().filter(p -> !p.equals(path)).forEach(paths::add);
        return new ExposureSettings(paths, maxScripts, maxScriptBytes, maxSourceMaps, maxPathBodyBytes,
                oversizedHeaderBytes, concurrency);
    }

    /** Upper bound of requests one run sends: docs/exposure.md explains each term. */
    public int requestBudget() {
        // random path + sensitive paths + bad encoding + oversized header + TRACE + security.txt + health
        return 1 + SensitivePaths.ALL.size() + 1 + 1 + 1 + 1 + healthPaths.size() + maxScripts + maxSourceMaps;
    }
}
