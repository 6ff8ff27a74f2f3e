package dev.vantage.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;

import dev.vantage.schedule.ProbeJob;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/** The service's own metrics: JVM, process and the Quartz scheduler (Vert.x and HTTP come from vertx-micrometer). */
public final class ServiceMetrics {

    private ServiceMetrics() {
    }

    /**
     * Filters that must be in place before any meter registers (Vert.x registers its meters as it starts): call
     * right after creating the registry.
     */
    public static void configure(MeterRegistry registry) {
        // Micrometer exports CPU time as process_cpu_time_ns_total, which Prometheus conventions (and promtool's
        // lint) reject; export the conventional process_cpu_seconds_total instead.
        registry.config().meterFilter(MeterFilter.denyNameStartsWith("process.cpu.time"));
        // system_cpu_count ends in _count, which Prometheus reserves for histograms and summaries (promtool's lint
        // fails on it): export the processor count as system_cpus.
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public io.micrometer.core.instrument.Meter.Id map(io.micrometer.core.instrument.Meter.Id id) {
                return id.getName().equals("system.cpu.count") ? id.withName("system.cpus") : id;
            }
        });
    }

    /** @param schedulers the node's Quartz schedulers (the JDBC one, and the in-memory one of its pulses) */
    public static void bind(MeterRegistry registry, List<Scheduler> schedulers) {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun && sun.getProcessCpuTime() >= 0) {
            FunctionCounter.builder("process.cpu", sun, b -> b.getProcessCpuTime() / 1e9).baseUnit("seconds")
                    .description("CPU time used by the process in seconds").register(registry);
        }
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        Gauge.builder("vantage_scheduler_running", schedulers,
                        all -> all.stream().allMatch(ServiceMetrics::running) ? 1 : 0)
                .description("1 while the Quartz schedulers run jobs").strongReference(true).register(registry);
        Gauge.builder("vantage_scheduler_jobs_executing", schedulers,
                        all -> all.stream().mapToDouble(ServiceMetrics::executing).sum())
                .description("Quartz jobs executing now on this node").strongReference(true).register(registry);
        FunctionCounter.builder("vantage_scheduler_jobs_executed", schedulers,
                        all -> all.stream().mapToDouble(ServiceMetrics::executed).sum())
                .description("Quartz jobs run by this node since start").register(registry);
        Timer lag = scheduleLag(registry);
        for (Scheduler scheduler : schedulers) {
            try {
                scheduler.getContext().put(ProbeJob.LAG_RECORDER, (Consumer<Duration>) lag::record);
            } catch (SchedulerException e) {
                throw new IllegalStateException("cannot reach the Quartz scheduler context", e);
            }
        }
    }

    /**
     * Start lag of scheduled runs: from the time Quartz meant a run to fire to the moment its job started. The
     * histogram's buckets (with an exact 1 s boundary, the scale goal in docs/scale.md) let Prometheus compute p99.
     */
    static Timer scheduleLag(MeterRegistry registry) {
        return Timer.builder("vantage_schedule_lag")
                .description("Intended fire time of a scheduled run to the start of its job")
                .publishPercentileHistogram()
                .serviceLevelObjectives(Duration.ofMillis(100), Duration.ofSeconds(1))
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(2))
                .register(registry);
    }

    private static boolean running(Scheduler s) {
        try {
            return s.isStarted() && !s.isShutdown() && !s.isInStandbyMode();
        } catch (SchedulerException e) {
            return false;
        }
    }

    private static double executing(Scheduler s) {
        try {
            return s.isShutdown() ? 0 : s.getCurrentlyExecutingJobs().size();
        } catch (SchedulerException e) {
            return 0;
        }
    }

    private static double executed(Scheduler s) {
        try {
            return s.isShutdown() ? 0 : s.getMetaData().getNumberOfJobsExecuted();
        } catch (SchedulerException e) {
            return 0;
        }
    }
}
