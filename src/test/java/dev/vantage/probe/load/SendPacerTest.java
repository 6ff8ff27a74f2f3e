package dev.vantage.probe.load;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

import static dev.vantage.probe.load.SendPacer.LEAD_NANOS;
import static org.assertj.core.api.Assertions.assertThat;

/** The pacing thread's hand-offs on a fake clock whose park moves time: no sleeping, exact expectations. */
class SendPacerTest {

    private static final long START = 5_000_000_000L;
    private static final long INTERVAL = 2_000_000L; // 500 req/s

    private final AtomicLong now = new AtomicLong(START);
    private final List<long[]> handOffs = new ArrayList<>(); // {index, intended, clock at hand-off, last}
    private int parks;

    private SendPacer pacer(RateScheduler scheduler, LongConsumer park) {
        return new SendPacer(scheduler, now::get, nanos -> {
            parks++;
            park.accept(nanos);
        }, (index, intended, last) -> handOffs.add(new long[] {index, intended, now.get(), last ? 1 : 0}));
    }

    private RateScheduler started(double rate, Duration span) {
        RateScheduler scheduler = new RateScheduler(rate, span, now::get);
        scheduler.start();
        return scheduler;
    }

    @Test
    void eachRequestIsHandedOverOneLeadBeforeItsIntendedStartAndOnlyTheLastIsMarkedLast() {
        pacer(started(500, Duration.ofMillis(100)), now::addAndGet).run(); // a park that wakes exactly on time

        assertThat(handOffs).hasSize(50);
        assertThat(parks).isEqualTo(49); // request 0 is due at the start
        for (int i = 0; i < 50; i++) {
            long[] h = handOffs.get(i);
            assertThat(h[0]).isEqualTo(i);
            assertThat(h[1]).isEqualTo(START + i * INTERVAL);
            assertThat(h[2]).isEqualTo(i == 0 ? START : h[1] - LEAD_NANOS);
            assertThat(h[3]).isEqualTo(i == 49 ? 1 : 0);
        }
    }

    @Test
    void aParkThatWakesLateIsCaughtUpAtOnceAndKeepsTheIntendedTimes() {
        // Every park oversleeps by 5 ms (a descheduled thread, a GC pause): the requests due meanwhile go out
        // together, none is skipped, and each keeps its own intended start so its latency counts the delay.
        pacer(started(500, Duration.ofMillis(100)), nanos -> now.addAndGet(nanos + 5_000_000L)).run();

        assertThat(handOffs).hasSize(50);
        for (int i = 0; i < 50; i++) {
            assertThat(handOffs.get(i)[1]).isEqualTo(START + i * INTERVAL);
            assertThat(handOffs.get(i)[2]).isGreaterThanOrEqualTo(handOffs.get(i)[1] - LEAD_NANOS);
        }
        assertThat(parks).isLessThan(49);
        assertThat(handOffs.get(3)[2]).isEqualTo(handOffs.get(1)[2]); // 1, 2 and 3 were due at one wake-up
    }

    @Test
    void aParkThatWakesEarlyParksAgainAndNeverHandsOverBeforeTheLead() {
        pacer(started(500, Duration.ofMillis(20)), nanos -> now.addAndGet(Math.max(1, nanos / 3))).run();

        assertThat(handOffs).hasSize(10);
        assertThat(parks).isGreaterThan(2 * 9);
        for (long[] h : handOffs) {
            assertThat(h[2]).isBetween(h[1] - LEAD_NANOS, h[1]);
        }
    }

    @Test
    void stopEndsTheHandOffsAtOnce() {
        RateScheduler scheduler = started(500, Duration.ofSeconds(1));
        SendPacer[] pacer = new SendPacer[1];
        pacer[0] = new SendPacer(scheduler, now::get, now::addAndGet, (index, intended, last) -> {
            handOffs.add(new long[] {index});
            if (index == 10) {
                pacer[0].stop(); // as the run does when it stops early on errors
            }
        });
        pacer[0].run();

        assertThat(handOffs).hasSize(11);
        assertThat(scheduler.taken()).isEqualTo(11);
    }

    @Test
    void aHandOffThatThrowsEndsThePacingInsteadOfSpinningOrDyingSilently() {
        RateScheduler scheduler = started(500, Duration.ofSeconds(1));
        SendPacer pacer = new SendPacer(scheduler, now::get, now::addAndGet, (index, intended, last) -> {
            handOffs.add(new long[] {index});
            if (index == 3) {
                throw new java.util.concurrent.RejectedExecutionException("event loop shut down");
            }
        });
        pacer.run();

        assertThat(handOffs).hasSize(4);
        assertThat(scheduler.finished()).isFalse();
    }

    @Test
    void stopWakesAThreadParkedForALongIntervalAndItEnds() throws Exception {
        // One request every 100 s: after request 0 the real thread parks for 100 s; stop must end it now.
        CountDownLatch first = new CountDownLatch(1);
        SendPacer pacer = new SendPacer(new RateScheduler(0.01, Duration.ofSeconds(300), System::nanoTime),
                System::nanoTime, (index, intended, last) -> first.countDown());
        pacer.startThread("pacer-under-test");
        assertThat(first.await(10, TimeUnit.SECONDS)).isTrue();
        Thread thread = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("pacer-under-test")).findFirst().orElseThrow();

        pacer.stop();
        thread.join(10_000);

        assertThat(thread.isAlive()).isFalse();
    }

    @Test
    void theEventLoopWaitsOutTheRestOfTheLeadAndNoMore() {
        AtomicLong clock = new AtomicLong(START);
        java.util.function.LongSupplier ticking = () -> clock.addAndGet(1_000); // 1 µs per read

        assertThat(SendPacer.awaitIntended(ticking, START + 150_000)).isEqualTo(149);
        assertThat(clock.get()).isGreaterThanOrEqualTo(START + 150_000);

        long late = clock.get() - 1_000_000;
        assertThat(SendPacer.awaitIntended(ticking, late)).isZero();

        // An intended time far ahead (never handed over like that) holds the caller one lead at most.
        long before = clock.get();
        SendPacer.awaitIntended(ticking, before + 1_000_000_000L);
        assertThat(clock.get() - before).isBetween(LEAD_NANOS, LEAD_NANOS + 2_000);
    }
}
