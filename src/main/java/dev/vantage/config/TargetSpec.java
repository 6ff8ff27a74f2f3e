package dev.vantage.config;

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
 */
public record TargetSpec(String name, URI url, Schedule schedule, List<String> enable, List<String> disable,
                         Optional<Duration> timeout, Map<String, String> headers, Optional<Path> caFile,
                         Map<String, String> resolve, Optional<Integer> httpPort, Map<String, String> labels,
                         Optional<LoadSettings> load, Optional<Schedule> audit, Optional<Schedule> loadEvery) {

    /** A target on the default audit and load cadences. */
    public TargetSpec(String name, URI url, Schedule schedule, List<String> enable, List<String> disable,
                      Optional<Duration> timeout, Map<String, String> headers, Optional<Path> caFile,
                      Map<String, String> resolve, Optional<Integer> httpPort, Map<String, String> labels,
                      Optional<LoadSettings> load) {
        this(name, url, schedule, enable, disable, timeout, headers, caFile, resolve, httpPort, labels, load,
                Optional.empty(), Optional.empty());
    }

    public TargetSpec {
        enable = List.copyOf(enable);
        disable = List.copyOf(disable);
        headers = Map.copyOf(headers);
        resolve = Map.copyOf(resolve);
        labels = Map.copyOf(labels);
    }

    /** A target with only the required fields. */
    public static TargetSpec of(String name, URI url, Schedule schedule) {
        return new TargetSpec(name, url, schedule, List.of(), List.of(), Optional.empty(), Map.of(),
                Optional.empty(), Map.of(), Optional.empty(), Map.of(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /** Header values may hold secrets: they are not printed. */
    @Override
    public String toString() {
        return "TargetSpec[name=" + name + ", url=" + url + ", schedule=" + schedule + ", headers=" + headers.keySet()
                + (load.isPresent() ? ", load=on" : "") + "]";
    }
}
