package dev.vantage.store;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Packs pulses into the bytes of one {@code pulse_blocks} row and back. Each pulse is self-delimiting (variable-length
 * integers, most about two bytes), so appending is concatenating: about 30 bytes a pulse. Times are offsets from the
 * block's hour (milliseconds), the scheduled firing an offset from the pulse, the certificate expiry whole minutes.
 * The first byte is a format version, so a later layout can be read beside this one.
 */
final class PulseCodec {

    static final int FORMAT = 1;
    private static final int SUCCESS = 1, MAINTENANCE = 2, SCHEDULED = 4, TLS = 8, CERT = 16;

    private PulseCodec() {
    }

    static byte[] encode(Instant hour, PackedPulse p) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(40);
        out.write(FORMAT);
        unsigned(out, p.at().toEpochMilli() - hour.toEpochMilli());
        int flags = (p.success() ? SUCCESS : 0) | (p.maintenance() ? MAINTENANCE : 0)
                | (p.scheduledAt().isPresent() ? SCHEDULED : 0) | (p.tlsVersion().isPresent() ? TLS : 0)
                | (p.certExpiry().isPresent() ? CERT : 0);
        out.write(flags);
        p.scheduledAt().ifPresent(s -> signed(out, p.at().toEpochMilli() - s.toEpochMilli()));
        signed(out, p.status());
        text(out, p.grade());
        signed(out, p.score());
        unsigned(out, Math.max(0, p.durationMs()));
        for (long us : new long[] {p.connectUs(), p.tlsUs(), p.processingUs(), p.transferUs(), p.totalUs()}) {
            unsigned(out, us < 0 ? 0 : us + 1);
        }
        p.tlsVersion().ifPresent(v -> text(out, v));
        p.certExpiry().ifPresent(e -> signed(out, Math.floorDiv(e.getEpochSecond() - p.at().getEpochSecond(), 60)));
        return out.toByteArray();
    }

    /** Every pulse of a block, in the order appended; a block in an unknown format reads as what it held before it. */
    static List<PackedPulse> decode(Instant hour, String node, byte[] data) {
        List<PackedPulse> out = new ArrayList<>();
        Reader in = new Reader(data);
        try {
            while (in.more() && in.data[in.pos] == FORMAT) {
                out.add(next(in, hour, node));
            }
        } catch (ArrayIndexOutOfBoundsException | StringIndexOutOfBoundsException e) {
            // A cut-off tail (never written by append, which adds whole pulses): the pulses before it stand.
        }
        return out;
    }

    private static PackedPulse next(Reader in, Instant hour, String node) {
        {
            in.pos++;
            Instant at = hour.plusMillis(in.unsigned());
            int flags = in.data[in.pos++];
            Optional<Instant> scheduled = (flags & SCHEDULED) != 0
                    ? Optional.of(at.minusMillis(in.signed())) : Optional.empty();
            int status = (int) in.signed();
            String grade = in.text();
            int score = (int) in.signed();
            long duration = in.unsigned();
            long[] us = new long[5];
            for (int i = 0; i < us.length; i++) {
                us[i] = in.unsigned() - 1;
            }
            Optional<String> tls = (flags & TLS) != 0 ? Optional.of(in.text()) : Optional.empty();
            Optional<Instant> cert = (flags & CERT) != 0
                    ? Optional.of(Instant.ofEpochSecond(at.getEpochSecond() + in.signed() * 60)) : Optional.empty();
            return new PackedPulse(at, node, scheduled, (flags & SUCCESS) != 0, (flags & MAINTENANCE) != 0, status,
                    grade, score, duration, us[0], us[1], us[2], us[3], us[4], tls, cert);
        }
    }

    private static void unsigned(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static void signed(ByteArrayOutputStream out, long v) {
        unsigned(out, (v << 1) ^ (v >> 63));
    }

    private static void text(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        unsigned(out, b.length);
        out.write(b, 0, b.length);
    }

    private static final class Reader {
        final byte[] data;
        int pos;

        Reader(byte[] data) {
            this.data = data;
        }

        boolean more() {
            return pos < data.length;
        }

        long unsigned() {
            long v = 0;
            for (int shift = 0; ; shift += 7) {
                byte b = data[pos++];
                v |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return v;
                }
            }
        }

        long signed() {
            long v = unsigned();
            return (v >>> 1) ^ -(v & 1);
        }

        String text() {
            int n = (int) unsigned();
            String s = new String(data, pos, n, StandardCharsets.UTF_8);
            pos += n;
            return s;
        }
    }
}
