package dev.vantage.probe.browser;

import dev.vantage.probe.ProbeOptions;
import dev.vantage.probe.browser.BrowserEvidence.PageVitals;
import io.vertx.core.Closeable;
import io.vertx.core.internal.VertxInternal;
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
        long started = System.nanoTime();
        Session session = new Session();
        long watchdog = vertx.setTimer(Math.max(1, deadline.remainingMillis()),
                id -> vertx.executeBlocking(session::kill, false));
        // Closing Vert.x (the service stopping) kills the browser too; a plain thread, as the pools are closing.
        Closeable onClose = done -> {
            Thread t = new Thread(() -> {
                session.kill();
                done.succeed();
            }, "vantage-browser-kill");
            t.setDaemon(true);
            t.start();
        };
        ((VertxInternal) vertx).addCloseHook(onClose);
        return PolicyProxy.start(vertx, scope.options(), page, Math.max(1, deadline.remainingMillis()))
                .transform(proxy -> proxy.failed()
                        ? Future.succeededFuture(BrowserEvidence.failed(page, since(started), "not run: "
                                + proxy.cause().getMessage()))
                        : audit(proxy.result(), session, page, deadline, started, scope.options()))
                .recover(e -> Future.succeededFuture(BrowserEvidence.failed(page, since(started),
                        "browser audit failed: " + e)))
                .map(Optional::of)
                .eventually(() -> {
                    vertx.cancelTimer(watchdog);
                    ((VertxInternal) vertx).removeCloseHook(onClose);
                    return Future.succeededFuture();
                });
    }

    /** The load in the browser, every request through the proxy; the proxy explains what it refused. */
    private Future<BrowserEvidence> audit(PolicyProxy proxy, Session session, URI page, Deadline deadline,
                                          long started, ProbeOptions options) {
        return vertx.executeBlocking(() -> session.run(page, deadline, started,
                        proxyArguments(proxy, options, page, deadline)),
                        false)
                .map(e -> e.withFailed(proxy.explain(e.failed())))
                .eventually(proxy::close);
    }

    /**
     * Chromium's way out is the proxy, loopback included ({@code <-loopback>} removes Chromium's implicit loopback
     * bypass), so its own resolver and the system's never decide where a request goes. The probe's CA file is
     * trusted through SPKI hashes ({@link CaHashes}): its certificates', and the leaf the page's host serves once Java
     * verified it against that file. Runs on a worker thread (file reads, one TLS handshake).
     */
    private static List<String> proxyArguments(PolicyProxy proxy, ProbeOptions options, URI page, Deadline deadline) {
        List<String> args = new ArrayList<>(List.of("--proxy-server=http://127.0.0.1:" + proxy.port(),
                "--proxy-bypass-list=<-loopback>"));
        options.caFile().ifPresent(ca -> {
            List<String> keys = new ArrayList<>(CaHashes.of(ca));
            if ("https".equalsIgnoreCase(page.getScheme())) {
                int timeout = (int) Math.max(1, Math.min(deadline.remainingMillis() / 4, 10_000));
                CaHashes.servedLeaf(ca, page.getHost(), proxy.pageAddress(), page.getPort() < 0 ? 443
                        : page.getPort(), timeout).ifPresent(keys::add);
            }
            args.add("--ignore-certificate-errors-spki-list=" + String.join(",", keys));
        });
        return args;
    }

    private static Duration since(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** One browser start: its profile, driver service and driver, and the means to kill them from another thread. */
    private final class Session {
        private final AtomicReference<ChromeDriverService> service = new AtomicReference<>();
        private final AtomicReference<Path> profile = new AtomicReference<>();
        private final AtomicBoolean killed = new AtomicBoolean();

        BrowserEvidence run(URI page, Deadline deadline, long started, List<String> sessionArguments)
                throws IOException {
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
                driver = new ChromeDriver(s, options(b, dir, sessionArguments));
                driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
                        Map.of("source", PageRecorder.INIT_SCRIPT));
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
                BrowserEvidence desktop = PageRecorder.record(driver, page, since(started));
                return desktop.withMobile(mobile(driver, page, deadline));
            } catch (RuntimeException e) {
                String why = killed.get() ? "the run's deadline passed; the browser was stopped"
                        : "browser audit failed: " + firstLine(e);
                return BrowserEvidence.failed(page, since(started), why);
            } finally {
                close(driver);
            }
        }

        /**
         * The second, cold load as a phone: cache and cookies cleared, the viewport, pixel ratio, touch and user
         * agent of {@link Viewport#MOBILE}. Only its vitals are kept; when the deadline leaves no time for it, or it
         * does not finish, the mobile vitals are simply not measured.
         */
        private PageVitals mobile(ChromeDriver driver, URI page, Deadline deadline) {
            Duration budget = deadline.remaining().minus(RECORD_RESERVE);
            if (budget.isNegative() || budget.isZero() || killed.get()) {
                return PageVitals.NONE;
            }
            try {
                driver.executeCdpCommand("Network.clearBrowserCache", Map.of());
                driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
                driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Viewport.MOBILE.deviceMetrics());
                driver.executeCdpCommand("Emulation.setUserAgentOverride",
                        Map.of("userAgent", Viewport.MOBILE.userAgent()));
                driver.executeCdpCommand("Emulation.setTouchEmulationEnabled", Map.of("enabled", true));
                driver.manage().timeouts().pageLoadTimeout(budget);
                driver.get(page.toString());
                return PageRecorder.vitalsOnly(driver);
            } catch (RuntimeException e) {
                LOG.debug("the mobile load of {} did not complete: {}", page, firstLine(e));
                return PageVitals.NONE;
            }
        }

        /** Stops the driver and the browser so a blocked driver call returns (deadline timer, Vert.x closing). */
        Void kill() {
            killed.set(true);
            ChromeDriverService s = service.get();
            if (s != null) {
                s.stop();
            }
            killBrowser();
            return null;
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

    private ChromeOptions options(BrowserInstall b, Path dir, List<String> sessionArguments) {
        List<String> args = new ArrayList<>(List.of("--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--user-data-dir=" + dir, "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--no-default-browser-check",
                "--disable-extensions", "--mute-audio", "--deny-permission-prompts", "--window-size=" + Viewport.DESKTOP.windowSize()));
        args.addAll(sessionArguments);
        args.addAll(extraArguments);
        ChromeOptions options = new ChromeOptions().setBinary(b.chromium().toFile()).addArguments(args);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        // The DevTools network events, for failed subresources (NetworkLog); page and tracing events are not needed.
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        options.setExperimentalOption("perfLoggingPrefs", Map.of("enableNetwork", true, "enablePage", false));
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
