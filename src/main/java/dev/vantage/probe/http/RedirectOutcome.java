package dev.vantage.probe.http;

/** How a walk along redirects ended. */
public enum RedirectOutcome {
    /** A response that is not a redirect ended the chain. */
    FINAL_RESPONSE,
    /** A URL came up a second time. */
    LOOP,
    /** The hop cap was reached. */
    TOO_MANY_HOPS,
    /** A redirect had a missing or unusable Location. */
    BAD_LOCATION,
    /** A hop failed (refused, timeout, TLS...); the last exchange holds the failure. */
    FAILED
}
