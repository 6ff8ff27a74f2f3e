package dev.vantage.probe.load;

import dev.vantage.probe.ProbeOptions;
import io.vertx.core.Vertx;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark driver for bench/load/run.sh: load runs against a loopback server, one after the other in this JVM,
 * figures printed as one {@code key=value} line per run. Usage, one group of seven arguments per run:
 * {@code LoadBench open|closed PORT|ORIGIN RATE DURATION_S CONNECTIONS PATH WARMUP_S [open|closed ...]}, where a
 * bare port means {@code http://127.0.0.1:PORT} and an origin may be https; {@code -Dload.bench.ca=FILE} trusts
 * that PEM CA (the bench's self-signed certificate) instead of the JDK store.
 */
public final class LoadBench {

    private static final int ARGS_PER_RUN = 7;

    private LoadBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args.length % ARGS_PER_RUN != 0) {
            throw new IllegalArgumentException("usage: LoadBench open|closed PORT|ORIGIN RATE DURATION_S CONNECTIONS "
                    + "PATH WARMUP_S [open|closed ...], seven arguments per run");
        }
        Vertx vertx = Vertx.vertx();
        try {
            for (int i = 0; i < args.length; i += ARGS_PER_RUN) {
                run(vertx, java.util.Arrays.copyOfRange(args, i, i + ARGS_PER_RUN));
            }
        } finally {
            vertx.close().await();
        }
    }

    private static void run(Vertx vertx, String[] args) throws Exception {
        LoadSettings.Mode mode = LoadSettings.Mode.valueOf(args[0].toUpperCase(Locale.ROOT));
        URI target = URI.create(args[1].startsWith("http") ? args[1] + "/"
                : "http://127.0.0.1:" + Integer.parseInt(args[1]) + "/");
        String ca = System.getProperty("load.bench.ca");
        ProbeOptions options = ca == null ? ProbeOptions.defaults() : ProbeOptions.defaults().withCaFile(Path.of(ca));
        LoadSettings settings = LoadSettings.of(Double.parseDouble(args[2]), Duration.ofSeconds(Long.parseLong(args[3])))
                .withConnections(Integer.parseInt(args[4])).withPaths(List.of(args[5]))
                .withWarmup(Duration.ofSeconds(Long.parseLong(args[6]))).withMode(mode);
        System.out.println("# " + settings.describe(target));
        Duration deadline = settings.duration().plus(settings.warmup()).plusSeconds(10);
        long cpuBefore = processCpuNanos();
        LoadEvidence e = LoadProbe.run(vertx, target, settings, deadline, options).await(60, TimeUnit.SECONDS);
        long cpuNanos = processCpuNanos() - cpuBefore;
        LoadEvidence.LatencySummary l = e.latency();
        System.out.printf(Locale.ROOT, "outcome=%s sent=%d answered=%d errors=%d requested_rate=%.1f "
                        + "achieved_rate=%.1f throughput=%.1f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f p999_ms=%.3f "
                        + "max_ms=%.3f send_lag_p99_ms=%.3f cpu_ms=%d%n", e.outcome(), e.sent(), e.answered(),
                e.errorCount(), settings.rate(), e.achievedRate(), e.throughput(), ms(l.p50()), ms(l.p90()),
                ms(l.p99()), ms(l.p999()), ms(l.max()), ms(e.sendLag()), cpuNanos / 1_000_000);
        if (!e.detail().isEmpty()) {
            System.out.println("# " + e.detail());
        }
    }

    /**
     * CPU time of this JVM (all threads, JIT and GC included): on a shared machine the throughput moves with the
     * neighbours' load, the CPU spent per request much less.
     */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double ms(Duration d) {
        return d.toNanos() / 1e6;
    }
}
