package dev.vantage.check.tls;

import java.util.List;

/**
 * An SSL Labs-style server rating.
 *
 * @param score    0..100 from the weighted categories (30 % protocol, 30 % key exchange, 40 % cipher)
 * @param letter   A+, A, A-, B, C, D, E, F, or T (trust) / M (hostname mismatch), which override the score
 * @param caps     every cap that applied, with its reason; the lowest decided the letter
 * @param warnings what kept an A from A+ (no TLS 1.3, no secure renegotiation, short or missing HSTS)
 */
public record TlsRating(int score, String letter, int protocolScore, int keyExchangeScore, int cipherScore,
                        List<Cap> caps, List<String> warnings) {

    public TlsRating {
        caps = List.copyOf(caps);
        warnings = List.copyOf(warnings);
    }

    /** One cap: the best letter still allowed, and why. */
    public record Cap(String letter, String reason) {
    }
}
