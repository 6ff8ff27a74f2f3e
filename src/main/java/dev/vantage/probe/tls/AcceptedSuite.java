package dev.vantage.probe.tls;

import java.util.Optional;

/**
 * A suite the server accepted for one protocol, with the ephemeral key exchange it chose when Vantage could read it.
 */
public record AcceptedSuite(int code, String ianaName, Optional<KeyExchangeStrength> keyExchange) {

    public static AcceptedSuite of(int code, Optional<KeyExchangeStrength> kx) {
        return new AcceptedSuite(code, CipherSuites.describe(code).ianaName(), kx);
    }

    public CipherSuite suite() {
        return CipherSuites.describe(code);
    }
}
