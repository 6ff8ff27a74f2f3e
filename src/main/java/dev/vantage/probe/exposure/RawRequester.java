package dev.vantage.probe.exposure;

import dev.vantage.probe.Deadline;
import dev.vantage.probe.FailureKind;
import dev.vantage.probe.ProbeFailure;
import dev.vantage.probe.http.Header;
import dev.vantage.probe.http.Headers;
import dev.vantage.probe.http.HttpResponseEvidence;
import dev.vantage.probe.tls.TlsSessions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Sends one request line the well-formed {@code HttpProber} refuses to write (bad percent-encoding) to an address
 * already resolved and vetted by the page exchange, and reads a bounded answer within the deadline. Never fails.
 *
 * <p>TLS here trusts any certificate: the certificate is graded from the page exchange; this request only asks
 * how the server treats malformed input.
 */
final class RawRequester {

    static final int MAX_RESPONSE_BYTES = 64 * 1024;

    private final Vertx vertx;
    private final NetClient client;
    private final String userAgent;

    RawRequester(Vertx vertx, NetClient client, String userAgent) {
        this.vertx = vertx;
        this.client = client;
        this.userAgent = userAgent;
    }

    Future<RawExchange> send(URI origin, String address, String requestTarget, Deadline deadline) {
        String requestLine = "GET " + requestTarget + " HTTP/1.1";
        Promise<RawExchange> result = Promise.promise();
        vertx.getOrCreateContext().runOnContext(v -> new Run(origin, address, requestLine, deadline, result).begin());
        return result.future();
    }

    /** One raw exchange; all callbacks on one context, first outcome wins. */
    private final class Run {
        private final URI origin;
        private final String address;
        private final String requestLine;
        private final Deadline deadline;
        private final Promise<RawExchange> result;
        private final Buffer received = Buffer.buffer();
        private NetSocket socket;
        private long timer = -1;

        Run(URI origin, String address, String requestLine, Deadline deadline, Promise<RawExchange> result) {
            this.origin = origin;
            this.address = address;
            this.requestLine = requestLine;
            this.deadline = deadline;
            this.result = result;
        }

        void begin() {
            if (deadline.passed()) {
                finish(new ProbeFailure(FailureKind.TIMEOUT, "deadline passed before the malformed request"));
                return;
            }
            timer = vertx.setTimer(deadline.remainingMillis(), id -> finish(new ProbeFailure(FailureKind.TIMEOUT,
                    "no complete answer to the malformed request within the deadline")));
            client.connect(SocketAddress.inetSocketAddress(port(), address)).onComplete(ar -> {
                if (result.future().isComplete()) {
                    if (ar.succeeded()) {
                        ar.result().close();
                    }
                } else if (ar.failed()) {
                    finish(new ProbeFailure(FailureKind.REFUSED, "cannot connect to " + address + ": "
                            + ar.cause().getMessage()));
                } else {
                    onConnected(ar.result());
                }
            });
        }

        private void onConnected(NetSocket connected) {
            socket = connected;
            socket.exceptionHandler(e -> finish(new ProbeFailure(FailureKind.RESET, "connection error: "
                    + e.getMessage())));
            socket.closeHandler(v -> finish(null));
            socket.handler(this::onData);
            if (!"https".equalsIgnoreCase(origin.getScheme())) {
                write();
                return;
            }
            String sni = TlsSessions.serverName(origin.getHost());
            socket.upgradeToSsl(new ClientSSLOptions().setTrustAll(true).setHostnameVerificationAlgorithm(""), sni)
                    .onComplete(ar -> {
                        if (ar.failed()) {
                            finish(new ProbeFailure(FailureKind.TLS_HANDSHAKE, "TLS handshake failed: "
                                    + ar.cause().getMessage()));
                        } else {
                            write();
                        }
                    });
        }

        private void write() {
            socket.write(requestLine + "\r\nHost: " + origin.getRawAuthority() + "\r\nUser-Agent: " + userAgent
                    + "\r\nAccept: */*\r\nConnection: close\r\n\r\n");
        }

        private void onData(Buffer bytes) {
            int room = MAX_RESPONSE_BYTES - received.length();
            received.appendBuffer(bytes.length() > room ? bytes.slice(0, room) : bytes);
            if (received.length() >= MAX_RESPONSE_BYTES || complete()) {
                finish(null);
            }
        }

        /** Head arrived and the body is as long as Content-Length says. */
        private boolean complete() {
            Optional<HttpResponseEvidence> parsed = parse(received, false);
            return parsed.flatMap(r -> r.headers().first("Content-Length")).map(String::trim)
                    .filter(l -> l.chars().allMatch(Character::isDigit) && !l.isEmpty() && l.length() < 10)
                    .map(l -> parsed.get().bodyBytes() >= Long.parseLong(l)).orElse(false);
        }

        private void finish(ProbeFailure failure) {
            if (result.future().isComplete()) {
                return;
            }
            if (timer >= 0) {
                vertx.cancelTimer(timer);
            }
            if (socket != null) {
                socket.close();
            }
            Optional<HttpResponseEvidence> response = parse(received, received.length() >= MAX_RESPONSE_BYTES);
            Optional<ProbeFailure> why = Optional.ofNullable(failure);
            if (response.isEmpty() && why.isEmpty()) {
                why = Optional.of(received.length() == 0
                        ? new ProbeFailure(FailureKind.RESET, "connection closed without an answer")
                        : new ProbeFailure(FailureKind.PROTOCOL, "answer is not HTTP"));
            }
            result.complete(new RawExchange(requestLine, response, response.isPresent() ? Optional.empty() : why));
        }

        private int port() {
            int port = origin.getPort();
            return port != -1 ? port : "https".equalsIgnoreCase(origin.getScheme()) ? 443 : 80;
        }
    }

    /** Status line and headers, body as received; empty until the head is complete. */
    static Optional<HttpResponseEvidence> parse(Buffer received, boolean truncated) {
        String text = received.toString(StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0 || !text.startsWith("HTTP/")) {
            return Optional.empty();
        }
        String[] lines = text.substring(0, end).split("\r\n");
        String[] status = lines[0].split(" ", 3);
        if (status.length < 2 || status[1].length() != 3 || !status[1].chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        List<Header> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.add(new Header(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim()));
            }
        }
        byte[] body = received.getBytes(end + 4, received.length());
        return Optional.of(new HttpResponseEvidence(Integer.parseInt(status[1]), status.length > 2 ? status[2] : "",
                status[0], new Headers(headers), new String(body, StandardCharsets.UTF_8), body.length, truncated));
    }
}
