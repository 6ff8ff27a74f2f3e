package dev.vantage.probe;

/** A phase of one HTTP exchange, named as the Prometheus blackbox_exporter names them. */
public enum Phase {
    RESOLVE, CONNECT, TLS, PROCESSING, TRANSFER;

    /** The label value used in metrics and JSON ({@code resolve}, {@code connect}, ...). */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
