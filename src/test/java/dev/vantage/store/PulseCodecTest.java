package dev.vantage.store;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class PulseCodecTest {

    private static final Instant HOUR = Instant.parse("2026-11-30T10:00:00Z");

    static PackedPulse pulse(int i, int status) {
        Instant at = HOUR.plusMillis(60_000L * i + i);
        return new PackedPulse(at, "n", i % 2 == 0 ? Optional.of(at.minusMillis(40)) : Optional.empty(), status > 0,
                i % 7 == 0, status, i % 3 == 0 ? "A+" : "B", 90 + i % 10, 30 + i, 1200 + i, i % 5 == 0 ? -1 : 3000,
                20_000, 500, 24_700 + i, i % 4 == 0 ? Optional.empty() : Optional.of("TLSv1.3"),
                Optional.of(Instant.ofEpochSecond(at.getEpochSecond() + 86_400L * 40 - 60L * i)));
    }

    @Test
    void appendedPulsesDecodeOneByOneWithEveryField() {
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        List<PackedPulse> written = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            PackedPulse p = pulse(i, i % 10 == 0 ? 503 : i == 13 ? 0 : 200);
            written.add(p);
            block.writeBytes(PulseCodec.encode(HOUR, p));
        }
        assertThat(PulseCodec.decode(HOUR, "n", block.toByteArray())).containsExactlyElementsOf(written);
        assertThat(block.size() / 60).as("bytes a pulse").isLessThanOrEqualTo(40);
    }

    @Test
    void aCutOffTailLeavesThePulsesBeforeIt() {
        byte[] one = PulseCodec.encode(HOUR, pulse(1, 200));
        byte[] two = new byte[one.length + 5];
        System.arraycopy(one, 0, two, 0, one.length);
        System.arraycopy(one, 0, two, one.length, 5);
        assertThat(PulseCodec.decode(HOUR, "n", two)).containsExactly(pulse(1, 200));
    }
}
