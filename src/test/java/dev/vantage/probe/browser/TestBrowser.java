package dev.vantage.probe.browser;

import dev.vantage.fixtures.RequiredTool;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The system Chromium and chromedriver for the browser tests, and a look at the processes they leave. */
final class TestBrowser {

    private TestBrowser() {
    }

    /** Skips locally without them; fails in CI, which installs both. */
    static BrowserInstall install() {
        return new BrowserInstall(RequiredTool.binary("chromium", "apt-get install chromium"),
                RequiredTool.binary("chromedriver", "apt-get install chromium-driver"));
    }

    /** Command lines of live processes naming {@code dir}, where every probe's profile lives (from /proc). */
    static List<String> processesNaming(Path dir) throws IOException {
        String marker = dir.toString();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .map(TestBrowser::commandLine).filter(c -> c.contains(marker)).toList();
        }
    }

    private static String commandLine(Path proc) {
        try {
            return new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException e) {
            return ""; // the process ended while listed
        }
    }
}
