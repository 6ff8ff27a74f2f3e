package dev.vantage.probe;

/**
 * One prober of a run and the run kind that sends it. A check names the probes it reads ({@code Check.needs}), so a
 * plan sends only the probes some enabled check will read.
 */
public enum ProbeKind {
    /** The target page, redirects followed; its handshake gives protocol, suite and certificate chain. */
    PAGE(RunKind.PULSE),
    /** The plain-HTTP address of an https target, redirects followed (the HTTPS upgrade). */
    HTTP_UPGRADE(RunKind.AUDIT),
    /** The final page again with a foreign {@code Origin}. */
    CORS(RunKind.AUDIT),
    /** Protocol and cipher-suite enumeration with hand-built hellos (about 100 handshakes). */
    TLS_INSPECTION(RunKind.AUDIT),
    /** Sensitive paths, served scripts, error handling, TRACE, security.txt, health endpoint. */
    EXPOSURE(RunKind.AUDIT),
    /** One load of the final page in a fresh headless Chromium, when one is installed (docs/browser.md). */
    BROWSER(RunKind.AUDIT),
    /** The opt-in rate-limit burst (sends nothing unless configured). */
    RATE_LIMIT(RunKind.AUDIT),
    /** The opt-in load run (sends nothing unless configured and owner-verified). */
    LOAD(RunKind.LOAD);

    private final RunKind sentBy;

    ProbeKind(RunKind sentBy) {
        this.sentBy = sentBy;
    }

    /** The run kind whose schedule sends this probe. */
    public RunKind sentBy() {
        return sentBy;
    }
}
