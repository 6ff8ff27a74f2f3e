package dev.vantage.probe.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Parses one HTTP/1.x response from the bytes a socket delivers, with Netty's decoder in an embedded channel
 * (bounded status line, header, chunk-size line sizes and interim answers). Keeps at most {@code maxBodyBytes} of
 * body; the caller stops reading as soon as {@link State#CAPPED} comes back. Header lines are not validated by
 * the decoder, so a hostile header costs a finding, not the whole page: malformed ones are set aside as evidence.
 * Not thread-safe: fed from one event loop, then {@link #evidence()} may be built on another thread once
 * feeding has stopped.
 */
final class ResponseReader {

    static final int MAX_INITIAL_LINE = 8 * 1024;
    static final int MAX_HEADER_BYTES = 32 * 1024;
    private static final int MAX_CHUNK = 16 * 1024;
    /** 1xx answers tolerated before the real one; a server streaming {@code 100 Continue} never answers. */
    static final int MAX_INTERIM_RESPONSES = 10;

    /** Where parsing stands after the last bytes. */
    enum State { NEED_MORE, COMPLETE, CAPPED, INVALID, PREMATURE_CLOSE }

    private final long maxBodyBytes;
    private final EmbeddedChannel decoder;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private HttpResponse head;
    private long bodyBytes;
    private long bytesSeen;
    private int interimResponses;
    private boolean truncated;
    private String problem;

    ResponseReader(long maxBodyBytes, boolean headRequest) {
        this.maxBodyBytes = maxBodyBytes;
        // The chunk-size line is bounded by the initial-line limit, so an endless chunk-size line is an error too.
        HttpDecoderConfig config = new HttpDecoderConfig().setMaxInitialLineLength(MAX_INITIAL_LINE)
                .setMaxHeaderSize(MAX_HEADER_BYTES).setMaxChunkSize(MAX_CHUNK)
                .setHeadersFactory(DefaultHttpHeadersFactory.headersFactory().withValidation(false))
                .setTrailersFactory(DefaultHttpHeadersFactory.trailersFactory().withValidation(false));
        this.decoder = new EmbeddedChannel(new HttpResponseDecoder(config) {
            @Override
            protected boolean isContentAlwaysEmpty(HttpMessage msg) {
                // A response to HEAD announces a length but carries no body; the decoder cannot know the method.
                return headRequest || super.isContentAlwaysEmpty(msg);
            }
        });
    }

    State feed(byte[] bytes) {
        bytesSeen += bytes.length;
        decoder.writeInbound(Unpooled.wrappedBuffer(bytes));
        return drain(false);
    }

    /** The connection ended: a body without a length ends here; anything else was cut short. */
    State closed() {
        decoder.finish();
        State state = drain(true);
        return state == State.NEED_MORE ? State.PREMATURE_CLOSE : state;
    }

    boolean hasHead() {
        return head != null;
    }

    long bytesSeen() {
        return bytesSeen;
    }

    /** Why the bytes are not HTTP, or were cut short; empty when they parsed. */
    Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    /**
     * What arrived so far as evidence; requires {@link #hasHead()}. Inflates and decodes up to the body cap, so
     * the caller runs it off the event loop.
     */
    HttpResponseEvidence evidence() {
        List<Header> headers = new ArrayList<>();
        List<String> malformed = new ArrayList<>();
        for (Map.Entry<String, String> entry : head.headers()) {
            if (HeaderSyntax.wellFormed(entry.getKey(), entry.getValue())) {
                headers.add(new Header(entry.getKey(), entry.getValue()));
            } else {
                malformed.add(HeaderSyntax.printable(entry.getKey(), entry.getValue()));
            }
        }
        Headers wellFormed = new Headers(headers);
        BodyDecoder.Decoded decoded = BodyDecoder.decode(body.toByteArray(), wellFormed.first("Content-Encoding"),
                maxBodyBytes);
        return new HttpResponseEvidence(head.status().code(), head.status().reasonPhrase(),
                head.protocolVersion().text(), wellFormed, decoded.text(), bodyBytes,
                truncated || decoded.truncated(), malformed);
    }

    private State drain(boolean closing) {
        Object message;
        while ((message = decoder.readInbound()) != null) {
            try {
                State state = accept(message, closing);
                if (state != State.NEED_MORE) {
                    decoder.finishAndReleaseAll();
                    return state;
                }
            } finally {
                ReferenceCountUtil.release(message);
            }
        }
        return State.NEED_MORE;
    }

    private State accept(Object message, boolean closing) {
        if (message instanceof HttpResponse response) {
            if (response.decoderResult().isFailure()) {
                problem = "not an HTTP response: " + causeOf(response.decoderResult());
                return State.INVALID;
            }
            head = response;
        }
        if (message instanceof HttpContent content) {
            if (content.decoderResult().isFailure()) {
                problem = causeOf(content.decoderResult());
                return closing ? State.PREMATURE_CLOSE : State.INVALID;
            }
            if (keep(content.content())) {
                return State.CAPPED;
            }
            if (content instanceof LastHttpContent) {
                if (isInterim(head)) {
                    head = null; // a 1xx is followed by the real answer on the same connection
                    if (++interimResponses > MAX_INTERIM_RESPONSES) {
                        problem = "more than " + MAX_INTERIM_RESPONSES + " interim (1xx) responses and no final "
                                + "answer";
                        return State.INVALID;
                    }
                    return State.NEED_MORE;
                }
                return State.COMPLETE;
            }
        }
        return State.NEED_MORE;
    }

    /** Keeps body bytes up to the cap; true when the cap is exceeded. */
    private boolean keep(ByteBuf content) {
        int readable = content.readableBytes();
        bodyBytes += readable;
        long room = maxBodyBytes - body.size();
        int take = (int) Math.min(room, readable);
        if (take > 0) {
            byte[] bytes = new byte[take];
            content.readBytes(bytes);
            body.writeBytes(bytes);
        }
        if (readable > take) {
            truncated = true;
        }
        return truncated;
    }

    private static boolean isInterim(HttpResponse response) {
        int code = response == null ? 0 : response.status().code();
        return code >= 100 && code < 200 && code != 101;
    }

    /** Releases the decoder; the evidence already taken stays valid. */
    void release() {
        if (decoder.isOpen()) {
            decoder.finishAndReleaseAll();
        }
    }

    private static String causeOf(DecoderResult result) {
        Throwable cause = result.cause();
        return cause == null ? "undecodable" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
