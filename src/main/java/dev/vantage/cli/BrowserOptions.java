package dev.vantage.cli;

import dev.vantage.probe.browser.BrowserInstall;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The browser-audit flags of {@code check}. The audit runs when Chromium and chromedriver are found (or named); when
 * they are not, one line says what was skipped and how to install them. {@code --no-browser} turns it off and
 * silences that line: a pipeline that wants seconds back or has no Chromium on purpose.
 */
final class BrowserOptions {

    static final String EXECUTABLE = "browser.executable";
    static final String DRIVER = "browser.driver";

    @Option(names = "--browser", negatable = true, description = "Load the page in a headless Chromium, as a desktop "
            + "and as a phone: Web Vitals, mixed content, console errors, failed subresources, CSP violations, "
            + "Subresource Integrity, library versions, cookies before consent (docs/browser.md). On by default when "
            + "Chromium and chromedriver are found (apt-get install chromium chromium-driver); --no-browser skips it.")
    Boolean browser;

    @Option(names = "--browser-executable", paramLabel = "PATH",
            description = "The Chromium binary (default: chromium, chromium-browser or google-chrome on the PATH).")
    Path executable;

    @Option(names = "--browser-driver", paramLabel = "PATH",
            description = "The chromedriver binary (default: chromedriver on the PATH).")
    Path driver;

    /** Unless {@code --no-browser}: without Chromium the plan's browser probe says it did not run. */
    boolean requested() {
        return browser == null || browser;
    }

    /** One line saying the browser audit is skipped and how to install Chromium, when it cannot be found. */
    Optional<String> missing() {
        Map<String, String> given = given();
        Optional<BrowserInstall> found = BrowserInstall.find(k -> given.getOrDefault(k, System.getProperty(k)),
                System.getenv().getOrDefault("PATH", ""));
        if (found.isPresent()) {
            return Optional.empty();
        }
        String where = executable != null || driver != null
                ? "no executable Chromium and chromedriver at the paths given" : "no Chromium and chromedriver found";
        return Optional.of("browser audit skipped (" + where + "): install them with apt-get install chromium "
                + "chromium-driver, or give their paths with --browser-executable and --browser-driver "
                + "(-Dbrowser.executable and -Dbrowser.driver for the service)");
    }

    /**
     * Points the browser probe at the paths given for the length of one run. The probe reads the same system
     * properties the service is configured with, so the one-shot run sets them and puts the old values back.
     */
    Applied apply() {
        Map<String, String> before = new HashMap<>();
        given().forEach((k, v) -> {
            before.put(k, System.getProperty(k));
            System.setProperty(k, v);
        });
        return new Applied(before);
    }

    private Map<String, String> given() {
        Map<String, String> out = new HashMap<>();
        if (requested() && executable != null) {
            out.put(EXECUTABLE, executable.toString());
        }
        if (requested() && driver != null) {
            out.put(DRIVER, driver.toString());
        }
        return out;
    }

    /** Restores the properties {@link #apply} replaced. */
    record Applied(Map<String, String> before) implements AutoCloseable {
        @Override
        public void close() {
            before.forEach((k, v) -> {
                if (v == null) {
                    System.clearProperty(k);
                } else {
                    System.setProperty(k, v);
                }
            });
        }
    }
}
