package dev.vantage.probe.http;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class BodyDecoderTest {

    private static byte[] deflate(String text, boolean zlibWrapped) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream d = new DeflaterOutputStream(out, new Deflater(6, !zlibWrapped))) {
            d.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    @Test
    void deflateIsDecodedWhetherZlibWrappedOrRaw() throws Exception {
        assertThat(BodyDecoder.decode(deflate("zlib body", true), Optional.of("deflate"), 1000).text())
                .isEqualTo("zlib body");
        assertThat(BodyDecoder.decode(deflate("raw body", false), Optional.of("Deflate"), 1000).text())
                .isEqualTo("raw body");
    }

    @Test
    void theCapAppliesToDecodedBytes() throws Exception {
        BodyDecoder.Decoded decoded = BodyDecoder.decode(deflate("z".repeat(100_000), true), Optional.of("deflate"), 500);

        assertThat(decoded.text()).hasSize(500);
        assertThat(decoded.truncated()).isTrue();
    }

    @Test
    void malformedUtf8IsReplacedNotFatal() {
        byte[] bytes = {'o', 'k', (byte) 0xff};

        assertThat(BodyDecoder.decode(bytes, Optional.empty(), 10).text()).isEqualTo("ok\uFFFD");
    }

    @Test
    void anUnknownEncodingIsLeftAsIs() {
        assertThat(BodyDecoder.decode("br-bytes".getBytes(StandardCharsets.UTF_8), Optional.of("br"), 100).text())
                .isEqualTo("br-bytes");
    }
}
