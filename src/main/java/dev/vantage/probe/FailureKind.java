package dev.vantage.probe;

/** Why a probe did not get a complete answer. Each kind maps to a distinct, explainable cause. */
public enum FailureKind {
    /** The name did not resolve. */
    DNS,
    /** The address is one Vantage never probes (link-local, cloud metadata) or one the configuration forbids. */
    BLOCKED_ADDRESS,
    /** Nothing listens on the port (TCP RST to the SYN). */
    REFUSED,
    /** The peer reset or closed the connection before a complete response. */
    RESET,
    /** The probe deadline passed. */
    TIMEOUT,
    /** The TLS handshake failed (protocol or cipher mismatch, alert from the server). */
    TLS_HANDSHAKE,
    /** The bytes that came back are not valid HTTP. */
    PROTOCOL,
    /** Any other I/O error. */
    IO
}
