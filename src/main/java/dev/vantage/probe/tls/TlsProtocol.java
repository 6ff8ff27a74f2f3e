package dev.vantage.probe.tls;

import java.util.Arrays;
import java.util.Optional;

/** The SSL/TLS protocol versions Vantage enumerates, oldest first, with their wire version numbers. */
public enum TlsProtocol {
    SSL_2("SSLv2", 0x0002), SSL_3("SSLv3", 0x0300), TLS_1_0("TLSv1.0", 0x0301), TLS_1_1("TLSv1.1", 0x0302),
    TLS_1_2("TLSv1.2", 0x0303), TLS_1_3("TLSv1.3", 0x0304);

    private final String label;
    private final int wireVersion;

    TlsProtocol(String label, int wireVersion) {
        this.label = label;
        this.wireVersion = wireVersion;
    }

    /** Name as reports and sslscan print it ({@code TLSv1.2}). */
    public String label() {
        return label;
    }

    public int wireVersion() {
        return wireVersion;
    }

    public static Optional<TlsProtocol> ofWire(int version) {
        return Arrays.stream(values()).filter(p -> p.wireVersion == version).findFirst();
    }

    /** Parses {@code TLSv1.2}, {@code TLSv1} (sslscan and the JDK say TLSv1 for 1.0), {@code SSLv3}. */
    public static Optional<TlsProtocol> ofLabel(String text) {
        String t = "TLSv1".equals(text) ? "TLSv1.0" : text;
        return Arrays.stream(values()).filter(p -> p.label.equalsIgnoreCase(t)).findFirst();
    }
}
