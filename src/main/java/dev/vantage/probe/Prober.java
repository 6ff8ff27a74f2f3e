package dev.vantage.probe;

import io.vertx.core.Future;

/**
 * The one signature every prober shares: send one kind of probe for a scope (the run's plan, and the page found
 * so far) within the run's deadline. The future never fails: refused, reset, timeout, garbage and blocked
 * addresses are evidence. {@code ProberContract} holds every implementation to that.
 *
 * @param <E> the evidence this probe produces
 */
public interface Prober<E> {

    /** The kind of probe, as plans name it. */
    ProbeKind kind();

    Future<E> probe(ProbeScope scope, Deadline deadline);
}
