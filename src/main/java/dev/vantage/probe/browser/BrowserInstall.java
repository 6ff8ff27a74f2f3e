package dev.vantage.probe.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Where the Chromium binary and its chromedriver are: the system properties {@code browser.executable} and
 * {@code browser.driver}, else the first of the usual names on the {@code PATH}. Absent when either is missing: the
 * browser checks then say they were not run, and everything else still works.
 */
public record BrowserInstall(Path chromium, Path driver) {

    /** The one line a report shows when no browser could be found. */
    public static final String MISSING = "browser checks not run: install chromium and chromium-driver "
            + "(apt-get install chromium chromium-driver), or set -Dbrowser.executable and -Dbrowser.driver";

    private static final List<String> BROWSER_NAMES = List.of("chromium", "chromium-browser", "google-chrome");
    private static final List<String> DRIVER_NAMES = List.of("chromedriver");

    /** From this JVM's system properties and {@code PATH}. */
    public static Optional<BrowserInstall> find() {
        return find(System::getProperty, System.getenv().getOrDefault("PATH", ""));
    }

    /** From the given property lookup and {@code PATH} value (tests pass their own). */
    public static Optional<BrowserInstall> find(Function<String, String> properties, String path) {
        Optional<Path> chromium = named(properties.apply("browser.executable"), BROWSER_NAMES, path);
        Optional<Path> driver = named(properties.apply("browser.driver"), DRIVER_NAMES, path);
        return chromium.flatMap(c -> driver.map(d -> new BrowserInstall(c, d)));
    }

    private static Optional<Path> named(String configured, List<String> names, String path) {
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured);
            return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        return names.stream().flatMap(n -> Stream.of(path.split(":")).filter(d -> !d.isEmpty())
                .map(d -> Path.of(d, n))).filter(Files::isExecutable).findFirst();
    }
}
