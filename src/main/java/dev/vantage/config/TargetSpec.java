package dev.vantage.config;

import dev.vantage.grade.Grade;
import dev.vantage.probe.load.LoadSettings;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One monitored site, from the config file or the API.
 *
 * @param enable   check ids (or prefixes like {@code security.}) to run; empty means all
 * @param disable  check ids (or prefixes) never run, applied after {@code enable}
 * @param resolve  curl-style pins {@code host:port -> address}
 * @param httpPort plain-HTTP port probed for the HTTPS redirect; empty means 80
 * @param labels   free key/values copied onto every metric of the target
 * @param load     the opt-in load run, sent on its own cadence after ownership is proven (docs/load.md)
 * @param audit    the cadence of the full audit; empty means the service default ({@code probing.audit-every})
 * @param loadEvery the cadence of the load run; empty means the audit cadence
 * @param origin   who wrote the target, which decides whether its header values may be secret references
 * @param expectGrade the grade below which an incident opens ({@code expect: {grade: B}}); empty: none
 * @param slo      the availability objective in percent ({@code slo: 99.9}); empty: no error budget
 * @param publicStatus {@code public: true}: listed on the unauthenticated status page ({@code /status}, up or down
 *                 only) and given a grade badge ({@code /badge/{name}.svg}); findings stay private
 */
public record TargetSpec(String name, URI url, Schedule schedule, List<String> enable, List<String> disable,
                         Optional<Duration> timeout, Map<String, String> headers, Optional<Path> caFile,
                         Map<String, String> resolve, Optional<Integer> httpPort, Map<String, String> labels,
                         Optional<LoadSettings> load, Optional<Schedule> audit, Optional<Schedule> loadEvery,
                         Origin origin, Optional<Grade> expectGrade, Optional<Double> slo, boolean publicStatus) {

    /** A target kept off the public status page. */
    public TargetSpec(String name, URI url, Schedule schedule, List<String> enable, List<String> disable,
                      Optional<Duration> timeout, Map<String, String> headers, Optional<Path> caFile,
                      Map<String, String> resolve, Optional<Integer> httpPort, Map<String, String> labels,
                      Optional<LoadSettings> load, Optional<Schedule> audit, Optional<Schedule> loadEvery,
                      Origin origin, Optional<Grade> expectGrade, Optional<Double> slo) {
        this(name, url, schedule, enable, disable, timeout, headers, caFile, resolve, httpPort, labels, load, audit,
                loadEvery, origin, expectGrade, slo, false);
    }

    /** A target without alerting expectations (no expected grade, no SLO). */
    public TargetSpec(String name, URI url, Schedule schedule, List<String> enable, List<String> disable,
                      Optional<Duration> timeout, Map<String, String> headers, Optional<Path> caFile,
                      Map<String, String> resolve, Optional<Integer> httpPort, Map<String, String> labels,
                      Optional<LoadSettings> load, Optional<Schedule> audit, Optional<Schedule> loadEvery,
                      Origin origin) {
        this(name, url, schedule, enable, disable, timeout, headers, caFile, resolve, httpPort, labels, load, audit,
                loadEvery, origin, Optional.empty(), Optional.empty());
    }

    /**
     * Who wrote a target. Only the operator's config file may name secrets ({@code ${ENV}}, {@code file:}); a
     * target sent through the API is the editor's, and the service must never read its own secrets for it. The flags
     * of one {@code vantage check} are the person at the terminal's: their shell already expanded what it should, so
     * header values are sent as written, and any readable {@code --ca-file} may be named. Never stored.
     */
    public enum Origin {
        CONFIG_FILE, API, COMMAND_LINE;

        public boolean mayReferenceSecrets() {
            return this == CONFIG_FILE;
        }

        /** Whether a {@code ca-file} may be any readable path (else only a bundle in {@code probing.ca-dir}). */
        public boolean mayNameAnyFile() {
            return this != API;
        }
    }

    /**
     * The settings of one {@code vantage check} run, from its flags (already checked by {@link TargetFields}): a
     * target that is never scheduled or stored, so its name and schedule are placeholders nothing reads.
     */
    public static TargetSpec commandLine(URI url, List<String> enable, List<String> disable, Duration timeout,
                                         Map<String, String> headers, Optional<Path> caFile,
                                         Map<String, String> resolve, int httpPort, Optional<LoadSettings> load) {
        return new TargetSpec("check", url, Schedule.every(Duration.ofDays(1)), enable, disable, Optional.of(timeout),
                headers, caFile, resolve, Optional.of(httpPort), Map.of(), load, Optional.empty(), Optional.empty(),
                Origin.COMMAND_LINE);
    }

    /** A target on the default audit and load cadences, written by {@code origin}. */
    public TargetSpec(String name, URI url, Schedule schedule, List<String> enable, List<String> disable,
                      Optional<Duration> timeout, Map<String, String> headers, Optional<Path> caFile,
                      Map<String, String> resolve, Optional<Integer> httpPort, Map<String, String> labels,
                      Optional<LoadSettings> load, Origin origin) {
        this(name, url, schedule, enable, disable, timeout, headers, caFile, resolve, httpPort, labels, load,
                Optional.empty(), Optional.empty(), origin);
    }

    /** A target of unknown hand on the default cadences: treated as sent through the API, so it names no secret. */
    public TargetSpec(String name, URI url, Schedule schedule, List<String> enable, List<String> disable,
                      Optional<Duration> timeout, Map<String, String> headers, Optional<Path> caFile,
                      Map<String, String> resolve, Optional<Integer> httpPort, Map<String, String> labels,
                      Optional<LoadSettings> load) {
        this(name, url, schedule, enable, disable, timeout, headers, caFile, resolve, httpPort, labels, load,
                Optional.empty(), Optional.empty(), Origin.API);
    }

    public TargetSpec {
        enable = List.copyOf(enable);
        disable = List.copyOf(disable);
        headers = Map.copyOf(headers);
        resolve = Map.copyOf(resolve);
        labels = Map.copyOf(labels);
        java.util.Objects.requireNonNull(origin, "origin");
        java.util.Objects.requireNonNull(expectGrade, "expectGrade");
        java.util.Objects.requireNonNull(slo, "slo");
    }

    /** A target with only the required fields (of unknown hand, so treated as sent through the API). */
    public static TargetSpec of(String name, URI url, Schedule schedule) {
        return new TargetSpec(name, url, schedule, List.of(), List.of(), Optional.empty(), Map.of(),
                Optional.empty(), Map.of(), Optional.empty(), Map.of(), Optional.empty());
    }

    /** Header values may hold secrets: they are not printed. */
    @Override
    public String toString() {
        return "TargetSpec[name=" + name + ", url=" + url + ", schedule=" + schedule + ", headers=" + headers.keySet()
                + (load.isPresent() ? ", load=on" : "") + (publicStatus ? ", public" : "") + ", origin=" + origin + "]";
    }
}
