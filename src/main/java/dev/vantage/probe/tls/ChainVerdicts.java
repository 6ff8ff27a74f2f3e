package dev.vantage.probe.tls;

import javax.net.ssl.X509ExtendedTrustManager;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The PKIX verdicts of recently judged certificate chains, so a pulse that sees the same chain as a minute ago does
 * not verify its signatures again: path validation (ECDSA and RSA in Java) was 17 % of a single node's CPU at 1,000
 * targets (docs/scale.md). A verdict is kept for the same trust managers, key exchange type and exact chain bytes,
 * at most {@link #TTL}, and never past an instant where it could change on its own: the earliest {@code notAfter}
 * of the chain, or the earliest {@code notBefore} still ahead. The host name is not part of it (judged per
 * handshake). Thread-safe; bounded.
 */
final class ChainVerdicts {

    static final Duration TTL = Duration.ofMinutes(10);
    /** Two chains a target (page, redirect) at 10,000 targets; an entry is a few hundred bytes. */
    static final int MAX_ENTRIES = 20_000;

    static final ChainVerdicts SHARED = new ChainVerdicts(System::currentTimeMillis);

    private record Key(List<X509ExtendedTrustManager> managers, String authType, String chainDigest) {
    }

    private record Entry(String verdict, long expiresAtMillis) {
    }

    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
    private final LongSupplier clock;

    /** @param clock epoch milliseconds (tests move it) */
    ChainVerdicts(LongSupplier clock) {
        this.clock = clock;
    }

    /**
     * The verdict of {@code chain}: {@code null} when trusted, else the reason it was rejected; computed by
     * {@code judge} when not known.
     */
    String verdict(List<X509ExtendedTrustManager> managers, String authType, X509Certificate[] chain,
                   Supplier<String> judge) {
        String digest = digest(chain);
        if (digest == null) {
            return judge.get();
        }
        Key key = new Key(managers, String.valueOf(authType), digest);
        long now = clock.getAsLong();
        Entry known = entries.get(key);
        if (known != null && now < known.expiresAtMillis()) {
            return known.verdict();
        }
        String verdict = judge.get();
        if (entries.size() >= MAX_ENTRIES) {
            entries.values().removeIf(e -> e.expiresAtMillis() <= now);
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
        }
        entries.put(key, new Entry(verdict, expiry(chain, now)));
        return verdict;
    }

    int size() {
        return entries.size();
    }

    private static long expiry(X509Certificate[] chain, long now) {
        long out = now + TTL.toMillis();
        for (X509Certificate c : chain) {
            out = Math.min(out, c.getNotAfter().getTime());
            long notBefore = c.getNotBefore().getTime();
            if (notBefore > now) {
                out = Math.min(out, notBefore);
            }
        }
        return out;
    }

    /** SHA-256 over the chain's DER bytes; null (not cached) when a certificate cannot be encoded. */
    private static String digest(X509Certificate[] chain) {
        if (chain == null || chain.length == 0) {
            return null;
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (X509Certificate c : chain) {
                byte[] der = c.getEncoded();
                sha.update((byte) (der.length >>> 24));
                sha.update((byte) (der.length >>> 16));
                sha.update((byte) (der.length >>> 8));
                sha.update((byte) der.length);
                sha.update(der);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
            return null;
        }
    }
}
