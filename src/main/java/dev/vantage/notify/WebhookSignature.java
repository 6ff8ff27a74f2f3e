package dev.vantage.notify;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The signature of a webhook body: {@code sha256=} HMAC-SHA256, keyed with the channel's secret, of
 * {@code <timestamp>.<body>}, the timestamp being the {@code X-Vantage-Timestamp} header (Unix seconds). Signing the
 * timestamp with the body lets a receiver refuse a captured request replayed later (docs/alerting.md).
 */
public final class WebhookSignature {

    public static final String TIMESTAMP_HEADER = "X-Vantage-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Vantage-Signature";

    private WebhookSignature() {
    }

    public static String sign(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "sha256=" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }

    /**
     * What a receiver does: the signature matches (compared in constant time) and the timestamp is within
     * {@code tolerance} of {@code now}.
     */
    public static boolean verify(String secret, String timestampHeader, String signatureHeader, String body,
                                 Instant now, Duration tolerance) {
        long timestamp;
        try {
            timestamp = Long.parseLong(timestampHeader);
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(now.getEpochSecond() - timestamp) > tolerance.toSeconds()) {
            return false;
        }
        return MessageDigest.isEqual(sign(secret, timestamp, body).getBytes(StandardCharsets.UTF_8),
                signatureHeader.getBytes(StandardCharsets.UTF_8));
    }
}
