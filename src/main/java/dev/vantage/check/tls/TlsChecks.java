package dev.vantage.check.tls;

import dev.vantage.check.Finding;
import dev.vantage.probe.tls.TlsInspection;

import java.util.ArrayList;
import java.util.List;

/** Every TLS check, in report order. */
public final class TlsChecks {

    /** Default days before expiry at which {@code tls.certificate-expiry} warns. */
    public static final int DEFAULT_EXPIRY_WARN_DAYS = 30;

    private TlsChecks() {
    }

    public static List<TlsCheck> all(int expiryWarnDays) {
        List<TlsCheck> all = new ArrayList<>(ProtocolChecks.all());
        all.addAll(CertificateChecks.all(expiryWarnDays));
        return List.copyOf(all);
    }

    public static List<Finding> evaluate(TlsInspection in, int expiryWarnDays) {
        return all(expiryWarnDays).stream().map(c -> c.evaluate(in)).toList();
    }
}
