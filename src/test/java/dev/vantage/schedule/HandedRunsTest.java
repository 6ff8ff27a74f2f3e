package dev.vantage.schedule;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class HandedRunsTest {

    private static final Runnable NO_DROP = () -> { };

    @Test
    void aRunBeyondTheCapWaitsForASlotAndStartsWhenOneFrees() throws Exception {
        HandedRuns runs = new HandedRuns(2);
        Promise<RunOutcome> first = Promise.promise();
        runs.start(first::future, "first", NO_DROP);
        runs.start(() -> Promise.<RunOutcome>promise().future(), "second", NO_DROP);
        AtomicInteger started = new AtomicInteger();
        CountDownLatch third = new CountDownLatch(1);
        Thread quartz = new Thread(() -> {
            try {
                runs.start(() -> {
                    started.incrementAndGet();
                    third.countDown();
                    return Future.succeededFuture();
                }, "third", NO_DROP);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        quartz.start();
        assertThat(runs.inFlight()).isEqualTo(2);
        assertThat(started).as("no slot free yet").hasValue(0);
        first.complete();
        assertThat(third.await(10, TimeUnit.SECONDS)).as("the freed slot starts the waiting run").isTrue();
        quartz.join();
        assertThat(runs.inFlight()).isEqualTo(1);
        runs.close();
    }

    @Test
    void aRunWhoseTargetIsGoneDropsItsScheduleAndAwaitIdleSeesTheEnd() throws Exception {
        HandedRuns runs = new HandedRuns(4);
        CountDownLatch dropped = new CountDownLatch(1);
        runs.start(() -> Future.failedFuture(new NoSuchTargetException("gone")), "pulse of gone", dropped::countDown);
        assertThat(dropped.await(10, TimeUnit.SECONDS)).isTrue();
        Promise<RunOutcome> open = Promise.promise();
        runs.start(open::future, "open", NO_DROP);
        assertThat(runs.awaitIdle(Duration.ZERO)).as("a run is still in flight").isFalse();
        open.complete();
        assertThat(runs.awaitIdle(Duration.ofSeconds(5))).isTrue();
        runs.close();
    }
}
