package dev.vantage.probe.http;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * Decodes a kept body for reading: gzip and deflate are inflated with the body cap applied to the decoded bytes,
 * so a small compressed bomb cannot grow past the cap; the text is UTF-8 with malformed bytes replaced.
 */
final class BodyDecoder {

    /** The decoded text, and whether decoding stopped at the cap. */
    record Decoded(String text, boolean truncated) {
    }

    private BodyDecoder() {
    }

    static Decoded decode(byte[] raw, Optional<String> contentEncoding, long maxBytes) {
        String encoding = contentEncoding.map(e -> e.trim().toLowerCase(Locale.ROOT)).orElse("");
        if (raw.length == 0 || !(encoding.equals("gzip") || encoding.equals("x-gzip") || encoding.equals("deflate"))) {
            return new Decoded(new String(raw, StandardCharsets.UTF_8), false);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean truncated = false;
        try (InputStream in = inflating(raw, encoding)) {
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) > 0) {
                long room = maxBytes - out.size();
                out.write(buffer, 0, (int) Math.min(room, n));
                if (n > room) {
                    truncated = true;
                    break;
                }
            }
        } catch (IOException e) {
            // A body cut by the cap or by the peer ends mid-stream: keep what inflated before that point.
            truncated = true;
        }
        return new Decoded(new String(out.toByteArray(), StandardCharsets.UTF_8), truncated);
    }

    private static InputStream inflating(byte[] raw, String encoding) throws IOException {
        if (encoding.equals("deflate")) {
            // RFC 9110 deflate is zlib-wrapped, but some servers send raw deflate; the zlib header tells them apart.
            boolean zlib = raw.length >= 2 && (raw[0] & 0x0f) == 8 && ((raw[0] & 0xff) << 8 | (raw[1] & 0xff)) % 31 == 0;
            Inflater inflater = new Inflater(!zlib);
            return new InflaterInputStream(new ByteArrayInputStream(raw), inflater) {
                @Override
                public void close() throws IOException {
                    super.close();
                    inflater.end(); // a caller-supplied Inflater is not ended by the stream
                }
            };
        }
        return new GZIPInputStream(new ByteArrayInputStream(raw));
    }
}
