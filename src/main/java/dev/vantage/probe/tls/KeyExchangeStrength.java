package dev.vantage.probe.tls;

/**
 * The strength of one key exchange the server chose.
 *
 * @param kind  {@code ECDH} (named curve), {@code DH} (finite field prime) or {@code RSA} (certificate key)
 * @param group curve or group name ({@code x25519}, {@code secp256r1}, {@code ffdhe2048}, {@code dh-2048})
 * @param bits  field/prime/modulus size in bits
 */
public record KeyExchangeStrength(String kind, String group, int bits) {

    public static KeyExchangeStrength ofGroup(int code) {
        return new KeyExchangeStrength(NamedGroups.finiteField(code) ? "DH" : "ECDH", NamedGroups.name(code),
                NamedGroups.bits(code));
    }

    public static KeyExchangeStrength ofDhPrime(int bits) {
        return new KeyExchangeStrength("DH", "dh-" + bits, bits);
    }

    public boolean elliptic() {
        return "ECDH".equals(kind);
    }
}
