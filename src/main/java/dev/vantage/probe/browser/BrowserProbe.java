package dev.vantage.probe.browser;

import dev.vantage.probe.AddressPolicy;
import dev.vantage.probe.Deadline;
import dev.vantage.probe.ProbeKind;
import dev.vantage.probe.ProbeScope;
import dev.vantage.probe.Prober;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.stream.Stream;

/**
 * The browser audit: one load of the final page in a fresh headless Chromium (its own temporary profile, deleted
 * after), recorded through the browser's own APIs ({@link PageRecorder}). Empty when no Chromium is installed.
 *
 * <p>The browser never outlives the probe: it is quit in a {@code finally}, and a timer at the run's deadline stops
 * the driver service and kills every process whose command line names this probe's profile directory, which unblocks
 * a driver call stuck on a hung page. Blocking WebDriver calls run on a worker thread, never on the event loop.
 */
public final class BrowserProbe implements Prober<Optional<BrowserEvidence>> {

    private static final Logger LOG = LoggerFactory.getLogger(BrowserProbe.class);
    /** Left to recording, quitting and cleaning up once the page-load timeout is spent. */
    static final Duration RECORD_RESERVE = Duration.ofSeconds(2);
    /** How long a killed browser process may take to exit before the profile is deleted anyway. */
    static final Duration KILL_WAIT = Duration.ofSeconds(5);

    private final Vertx vertx;
    private final Optional<BrowserInstall> install;
    private final List<String> extraArguments;
    private final Path profileParent;

    /** The installed browser, if any, with no extra flags, profiles under {@code java.io.tmpdir}. */
    public BrowserProbe(Vertx vertx) {
        this(vertx, BrowserInstall.find(), List.of(), Path.of(System.getProperty("java.io.tmpdir")));
    }

    /**
     * @param extraArguments Chromium flags added to the fixed ones (tests pass {@code --ignore-certificate-errors}
     *                       for their own loopback CA)
     * @param profileParent  where each probe's temporary profile directory is made
     */
    public BrowserProbe(Vertx vertx, Optional<BrowserInstall> install, List<String> extraArguments, Path profileParent) {
        this.vertx = vertx;
        this.install = install;
        this.extraArguments = List.copyOf(extraArguments);
        this.profileParent = profileParent;
    }

    @Override
    public ProbeKind kind() {
        return ProbeKind.BROWSER;
    }

    /** Empty without a browser; otherwise evidence, a failed load included. Never fails. */
    @Override
    public Future<Optional<BrowserEvidence>> probe(ProbeScope scope, Deadline deadline) {
        if (install.isEmpty()) {
            return Future.succeededFuture(Optional.empty());
        }
        URI page = scope.url();
        if (!scope.options().addressPolicy().equals(AddressPolicy.ALLOW_INTERNAL)) {
            // A page can make a browser fetch any address; the HTTP probers' address policy cannot be held there.
            return Future.succeededFuture(Optional.of(BrowserEvidence.failed(page, Duration.ZERO, "not run: the "
                    + "address policy limits which addresses may be probed, and a browser cannot be held to it")));
        }
        long started = System.nanoTime();
        Session session = new Session();
        long watchdog = vertx.setTimer(deadline.remainingMillis(), id -> session.kill());
        return vertx.executeBlocking(() -> session.run(page, deadline, started), false)
                .recover(e -> Future.succeededFuture(BrowserEvidence.failed(page, since(started),
                        "browser audit failed: " + e)))
                .map(Optional::of)
                .eventually(() -> {
                    vertx.cancelTimer(watchdog);
                    return Future.succeededFuture();
                });
    }

    private static Duration since(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** One browser start: its profile, driver service and driver, and the means to kill them from another thread. */
    private final class Session {
        private final AtomicReference<ChromeDriverService> service = new AtomicReference<>();
        private final AtomicReference<Path> profile = new AtomicReference<>();
        private final AtomicBoolean killed = new AtomicBoolean();

        BrowserEvidence run(URI page, Deadline deadline, long started) throws IOException {
            Path dir = Files.createTempDirectory(profileParent, "vantage-browser-");
            profile.set(dir);
            ChromeDriver driver = null;
            try {
                BrowserInstall b = install.orElseThrow();
                ChromeDriverService s = new ChromeDriverService.Builder().usingDriverExecutable(b.driver().toFile())
                        .usingAnyFreePort().build();
                service.set(s);
                if (killed.get()) {
                    return BrowserEvidence.failed(page, since(started), "the run's deadline passed before the "
                            + "browser started");
                }
                driver = new ChromeDriver(s, options(b, dir));
                Duration loadBudget = deadline.remaining().minus(RECORD_RESERVE);
                if (loadBudget.isNegative() || loadBudget.isZero()) {
                    return BrowserEvidence.failed(page, since(started), "the run's deadline left no time to load "
                            + "the page after the browser started");
                }
                driver.manage().timeouts().pageLoadTimeout(loadBudget).scriptTimeout(RECORD_RESERVE);
                try {
                    driver.get(page.toString());
                } catch (org.openqa.selenium.TimeoutException e) {
                    return BrowserEvidence.failed(page, since(started), "the page did not finish loading within "
                            + loadBudget.toMillis() + " ms (the run's deadline)");
                }
                return PageRecorder.record(driver, page, since(started));
            } catch (RuntimeException e) {
                String why = killed.get() ? "the run's deadline passed; the browser was stopped"
                        : "browser audit failed: " + firstLine(e);
                return BrowserEvidence.failed(page, since(started), why);
            } finally {
                close(driver);
            }
        }

        /** From the deadline timer: stops the driver and the browser so a blocked driver call returns. */
        void kill() {
            killed.set(true);
            ChromeDriverService s = service.get();
            if (s != null) {
                vertx.executeBlocking(() -> {
                    s.stop();
                    killBrowser();
                    return null;
                }, false);
            } else {
                killBrowser();
            }
        }

        private void close(ChromeDriver driver) {
            try {
                if (driver != null) {
                    driver.quit();
                }
            } catch (RuntimeException e) {
                LOG.debug("quitting the browser failed; its processes are killed instead", e);
            } finally {
                ChromeDriverService s = service.get();
                if (s != null) {
                    s.stop();
                }
                killBrowser();
                deleteProfile();
            }
        }

        /** Every process started for this probe carries its profile directory on its command line. */
        private void killBrowser() {
            Path dir = profile.get();
            if (dir == null) {
                return;
            }
            String marker = dir.toString();
            List<ProcessHandle> left = ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
                    .map(c -> c.contains(marker)).orElse(false)).toList();
            left.forEach(ProcessHandle::destroyForcibly);
            for (ProcessHandle p : left) {
                try {
                    // Bounded: the profile is deleted next, and a dying browser may still be writing to it.
                    p.onExit().get(KILL_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    LOG.warn("browser process {} did not exit within {} ms of a kill", p.pid(), KILL_WAIT.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        private void deleteProfile() {
            Path dir = profile.get();
            if (dir == null) {
                return;
            }
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException | UncheckedIOException e) {
                LOG.warn("could not delete the browser profile {}: {}", dir, e.toString());
            }
        }
    }

    private ChromeOptions options(BrowserInstall b, Path dir) {
        List<String> args = new ArrayList<>(List.of("--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--user-data-dir=" + dir, "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--no-default-browser-check",
                "--disable-extensions", "--mute-audio", "--deny-permission-prompts", "--window-size=1350,940"));
        args.addAll(extraArguments);
        ChromeOptions options = new ChromeOptions().setBinary(b.chromium().toFile()).addArguments(args);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        options.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.DISMISS);
        // 3 = block every download: a page load must never write a file the monitor did not ask for.
        options.setExperimentalOption("prefs", Map.of("download_restrictions", 3));
        return options;
    }

    private static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return e.getClass().getSimpleName() + ": " + (nl < 0 ? m : m.substring(0, nl));
    }
}
