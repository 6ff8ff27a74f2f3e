package dev.vantage.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Availability of one target over the 1-day, 7-day and 30-day windows from its stored pulses (maintenance left
 * out), and with an SLO the share of the 30-day error budget still left.
 *
 * @param budgetLeft 1 = no budget spent, 0 = spent, below 0 = overspent; empty without an SLO or without pulses
 */
public record Uptime(List<Window> windows, Optional<Double> slo, Optional<Double> budgetLeft) {

    /** The windows uptime is computed over, by their label ({@code window="7d"}). */
    public static final List<Window> LENGTHS = List.of(new Window("1d", Duration.ofDays(1), 0, 0),
            new Window("7d", Duration.ofDays(7), 0, 0), new Window("30d", Duration.ofDays(30), 0, 0));

    public Uptime {
        windows = List.copyOf(windows);
    }

    /** One window: how many pulses counted and how many succeeded. */
    public record Window(String label, Duration length, long pulses, long successes) {
        /** Successful pulses over counted pulses; empty when none was counted. */
        public Optional<Double> ratio() {
            return pulses == 0 ? Optional.empty() : Optional.of((double) successes / pulses);
        }
    }

    /**
     * @param counts pulses and successes of the target in {@code [since, until)}
     * @param slo    the objective in percent, e.g. 99.9
     */
    public static Uptime compute(Instant now, Optional<Double> slo,
                                 BiFunction<Instant, Instant, UptimeRepository.Counts> counts) {
        List<Window> out = new ArrayList<>();
        for (Window w : LENGTHS) {
            UptimeRepository.Counts c = counts.apply(now.minus(w.length()), now);
            out.add(new Window(w.label(), w.length(), c.pulses(), c.successes()));
        }
        Optional<Double> longest = out.get(out.size() - 1).ratio();
        Optional<Double> left = slo.flatMap(objective -> longest.map(r -> 1 - (1 - r) / (1 - objective / 100)));
        return new Uptime(out, slo, left);
    }
}
