package dev.vantage.console;

import dev.vantage.incident.UptimeRepository;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;

class PastDayCountsTest {

    static final Instant NOW = Instant.parse("2026-11-30T15:00:00Z");
    static final Instant TODAY = Instant.parse("2026-11-30T00:00:00Z");
    static final Instant YESTERDAY = Instant.parse("2026-11-29T00:00:00Z");

    final PastDayCounts cache = new PastDayCounts();
    final AtomicInteger reads = new AtomicInteger();
    final BiFunction<Instant, Instant, UptimeRepository.Counts> store = (since, until) ->
            new UptimeRepository.Counts(reads.incrementAndGet(), 1);

    @Test
    void todayIsReadOnEveryView() {
        cache.count("shop", TODAY, TODAY.plus(Duration.ofDays(1)), NOW, store);
        cache.count("shop", TODAY, TODAY.plus(Duration.ofDays(1)), NOW.plusSeconds(1), store);

        assertThat(reads).hasValue(2);
    }

    @Test
    void anEndedDayIsReadOncePerHourAndTarget() {
        UptimeRepository.Counts first = cache.count("shop", YESTERDAY, TODAY, NOW, store);
        UptimeRepository.Counts again = cache.count("shop", YESTERDAY, TODAY, NOW.plus(Duration.ofMinutes(59)), store);
        cache.count("blog", YESTERDAY, TODAY, NOW, store);

        assertThat(again).isEqualTo(first);
        assertThat(reads).as("one read for shop, one for blog").hasValue(2);

        UptimeRepository.Counts later = cache.count("shop", YESTERDAY, TODAY, NOW.plus(Duration.ofHours(1)), store);
        assertThat(later).isNotEqualTo(first);
        assertThat(reads).hasValue(3);
    }
}
