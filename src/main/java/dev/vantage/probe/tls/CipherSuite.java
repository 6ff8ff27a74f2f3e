package dev.vantage.probe.tls;

/**
 * One cipher suite and the properties grading needs.
 *
 * @param code        IANA code (two bytes; three for SSLv2 cipher specs)
 * @param ianaName    IANA name ({@code TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256})
 * @param opensslName OpenSSL's name, which sslscan prints ({@code ECDHE-RSA-AES128-GCM-SHA256})
 * @param encryption  cipher family as OpenSSL names it ({@code AESGCM}, {@code 3DES}, {@code None})
 * @param bits        symmetric key bits (0 for NULL)
 * @param mac         {@code AEAD}, {@code SHA1}, {@code MD5}...
 */
public record CipherSuite(int code, String ianaName, String opensslName, TlsProtocol since,
                          KeyExchange keyExchange, String authentication, String encryption, int bits, String mac,
                          boolean export) {

    /** Key-exchange families, as grading groups them. */
    public enum KeyExchange {
        RSA, DHE, ECDHE, DH, ECDH, ANONYMOUS, PSK, DHE_PSK, ECDHE_PSK, RSA_PSK, SRP, KRB5, GOST, TLS13, OTHER
    }

    public boolean aead() {
        return "AEAD".equals(mac);
    }

    /** Ephemeral key exchange with an authenticated server (anonymous DH is ephemeral but proves nothing). */
    public boolean forwardSecrecy() {
        return switch (keyExchange) {
            case DHE, ECDHE, DHE_PSK, ECDHE_PSK, TLS13 -> true;
            default -> false;
        };
    }

    public boolean anonymous() {
        return keyExchange == KeyExchange.ANONYMOUS || "None".equals(authentication) && keyExchange != KeyExchange.TLS13;
    }

    public boolean nullCipher() {
        return bits == 0;
    }

    public boolean rc4() {
        return encryption.startsWith("RC4");
    }

    public boolean tripleDes() {
        return "3DES".equals(encryption);
    }

    /** Under 112 bits of symmetric strength (NULL, EXPORT, DES, 40/56-bit RC2/RC4): the SSL Labs F cap. */
    public boolean weakerThan112Bits() {
        return bits < 112;
    }

    public boolean tls13() {
        return keyExchange == KeyExchange.TLS13;
    }

    /** Two-byte code as {@code 0xC02F}. */
    public String hexCode() {
        return String.format(code > 0xFFFF ? "0x%06X" : "0x%04X", code);
    }
}
