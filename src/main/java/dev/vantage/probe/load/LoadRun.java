package dev.vantage.probe.load;

import dev.vantage.probe.load.LoadEvidence.ErrorKind;
import dev.vantage.probe.load.LoadEvidence.Outcome;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * One load run in progress: when requests start, what their ends add up to, and when the run stops. Open model: a
 * {@link SendPacer} thread hands every request of the {@link RateScheduler} to the event loop just before its
 * intended start, whether or not earlier ones finished, the event loop sends it on time, and latency runs from the
 * intended start. Closed loop: each worker sends its next request when its previous one ends. The HTTP plumbing
 * and the request timeout live in {@link LoadClient}.
 *
 * <p>Everything else runs on one event-loop context: {@link #start} hops onto it, the pacer's hand-offs run on it,
 * and the timers and the HTTP client's callbacks are bound to it because they are set up from it. So the state
 * below is confined to that thread and takes no locks; a request and its answer never cross threads.
 */
final class LoadRun implements LoadClient.Ends {

    /** Finished requests needed before the error ratio may stop a run: one early failure is not a trend. */
    static final int STOP_MIN_FINISHED = 20;
    /** With this many finished and none answered, the target is unreachable; no need to wait for 20. */
    static final int UNREACHABLE_AFTER = 5;

    private final Vertx vertx;
    private final LoadTarget target;
    private final LoadSettings settings;
    private final LongSupplier clock = System::nanoTime;
    private final LoadRecorder recorder = new LoadRecorder();
    private final Promise<LoadEvidence> done = Promise.promise();
    private final Context context;
    private final LoadClient client;
    private final RateScheduler scheduler;
    private final SendPacer pacer;
    private final Instant startedAt = Instant.now();

    private long runStart;
    private long warmupEnd;
    private long sendingEnd;
    private long firstMeasured = -1;
    private long lastMeasuredSend = -1;
    private long lastAnswer = -1;
    private long inFlight;
    private long closedSent;
    /** Closed loop: the end of the sending window. */
    private long sendingEndTimer = -1;
    private long deadlineTimer = -1;
    private boolean stopping;
    private Outcome outcome = Outcome.COMPLETED;
    private String detail = "";

    LoadRun(Vertx vertx, LoadTarget target, LoadSettings settings) {
        this.vertx = vertx;
        this.target = target;
        this.settings = settings;
        this.scheduler = new RateScheduler(settings.rate(), settings.duration().plus(settings.warmup()), clock);
        // One event loop for the whole run. Two concurrent half-runs (each on its own loop, no shared state)
        // were measured for the closed loop: within the noise of one loop on the 2-core bench machine, where the
        // second loop competes with the server for the same cores; not worth merging two runs' figures.
        this.context = ((VertxInternal) vertx).createEventLoopContext();
        this.client = new LoadClient(vertx, target, settings, clock, this);
        this.pacer = new SendPacer(scheduler, clock, (index, intended, last) ->
                context.runOnContext(v -> sendOnTime(index, intended, last)));
    }

    Future<LoadEvidence> start(Duration deadline) {
        context.runOnContext(v -> {
            deadlineTimer = vertx.setTimer(Math.max(1, deadline.toMillis()), id -> cutOff(deadline));
            client.startSweeping();
            boolean open = settings.mode() == LoadSettings.Mode.OPEN;
            // Open: the schedule's own origin, so the warmup ends exactly at request rate * warmup. Its hand-offs
            // run on this context after this task, so warmupEnd is set before the first one.
            runStart = open ? pacer.startThread("vantage-load-pacer-" + target.origin().getAuthority())
                    : clock.getAsLong();
            warmupEnd = runStart + settings.warmup().toNanos();
            if (!open) {
                sendingEnd = warmupEnd + settings.duration().toNanos();
                sendingEndTimer = vertx.setTimer(Math.max(1, (sendingEnd - runStart) / 1_000_000),
                        id -> stopSending(Outcome.COMPLETED, ""));
                for (int i = 0; i < settings.connections() && !stopping; i++) {
                    sendClosed(i);
                }
            }
        });
        return done.future();
    }

    /**
     * Open model: one request handed over by the pacer, sent at its intended start (the pacer hands it over a little
     * early) or at once when late, and timed from its intended start either way.
     */
    private void sendOnTime(long index, long intended, boolean last) {
        if (stopping) {
            return;
        }
        SendPacer.awaitIntended(clock, intended);
        send(index, intended, -1);
        if (last) {
            stopSending(Outcome.COMPLETED, "");
        }
    }

    /** Closed loop: the worker's next request, timed from now, until the sending window closes. */
    private void sendClosed(int worker) {
        long now = clock.getAsLong();
        if (!stopping && now < sendingEnd) {
            send(closedSent++, now, worker);
        }
    }

    private void send(long index, long intended, int worker) {
        long now = clock.getAsLong();
        boolean measured = intended >= warmupEnd;
        inFlight++;
        if (measured) {
            if (firstMeasured < 0) {
                firstMeasured = intended;
            }
            lastMeasuredSend = now;
        }
        recorder.sent(measured, now - intended);
        client.send(index, intended, measured, worker);
    }

    @Override
    public void ended(LoadClient.Exchange exchange, boolean answered, ErrorKind kind) {
        if (done.future().isComplete()) {
            return; // cut off by the deadline: already counted as a timeout
        }
        long now = clock.getAsLong();
        recorder.finished(exchange.measured, answered, kind, now - exchange.intended);
        inFlight--;
        if (exchange.measured) {
            lastAnswer = now;
        }
        checkErrors();
        if (stopping && inFlight == 0) {
            finish();
        } else if (exchange.worker >= 0) {
            sendClosed(exchange.worker);
        }
    }

    private void checkErrors() {
        long finished = recorder.allFinished();
        if (recorder.allAnswered() == 0 && finished >= UNREACHABLE_AFTER) {
            stopSending(Outcome.UNREACHABLE, "none of the first " + finished + " requests got an answer "
                    + recorder.errors());
        } else if (finished >= STOP_MIN_FINISHED && recorder.errorRatio() > settings.stopErrorRatio()) {
            stopSending(Outcome.STOPPED_ERRORS, String.format(Locale.ROOT,
                    "stopped early: %.1f%% of %d finished requests failed, above the stop bound of %.1f%%",
                    recorder.errorRatio() * 100, finished, settings.stopErrorRatio() * 100));
        }
    }

    private void stopSending(Outcome why, String because) {
        if (stopping) {
            return;
        }
        stopping = true;
        outcome = why;
        detail = because;
        pacer.stop();
        vertx.cancelTimer(sendingEndTimer);
        if (inFlight == 0) {
            finish();
        }
    }

    /** The total deadline: whatever is still in flight is cut off and counted as timeouts. */
    private void cutOff(Duration deadline) {
        if (done.future().isComplete()) {
            return;
        }
        if (!stopping || inFlight > 0) {
            outcome = Outcome.DEADLINE;
            detail = "the total deadline of " + deadline.toMillis() + " ms passed with " + inFlight
                    + " requests unfinished" + (stopping ? "" : " and the run still sending");
        }
        stopping = true;
        recorder.unfinishedAsTimeouts();
        finish();
    }

    private void finish() {
        if (done.future().isComplete()) {
            return;
        }
        pacer.stop();
        vertx.cancelTimer(deadlineTimer);
        vertx.cancelTimer(sendingEndTimer);
        client.close();
        done.complete(evidence());
    }

    private LoadEvidence evidence() {
        long sent = recorder.sent();
        long answered = recorder.answered();
        Outcome result = outcome;
        if (recorder.allAnswered() == 0 && recorder.allFinished() > 0) {
            result = Outcome.UNREACHABLE;
        }
        long start = firstMeasured >= 0 ? firstMeasured : warmupEnd;
        long sendWindow = settings.mode() == LoadSettings.Mode.OPEN
                ? (lastMeasuredSend < 0 ? 0 : lastMeasuredSend - start + scheduler.intervalNanos())
                : Math.min(clock.getAsLong(), sendingEnd) - warmupEnd;
        long answerWindow = lastAnswer < 0 ? 0 : lastAnswer - start;
        return new LoadEvidence(target.origin(), settings, startedAt, result, detail,
                Duration.ofNanos(Math.max(0, answerWindow)), sent, answered, recorder.errors(), recorder.summary(),
                perSecond(sent, sendWindow), perSecond(answered, answerWindow), recorder.sendLagP99(),
                Optional.empty());
    }

    private static double perSecond(long count, long nanos) {
        return nanos <= 0 ? 0 : count / (nanos / 1e9);
    }
}
