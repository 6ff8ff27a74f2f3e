package dev.vantage.probe.tls;

import dev.vantage.probe.FailureKind;
import dev.vantage.probe.ProbeFailure;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.ConnectOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;

import java.io.ByteArrayOutputStream;
import java.net.ConnectException;

/** One bounded exchange: write a hand-built ClientHello on a plain TCP socket and read the server's first flight. */
final class RawHandshake {

    private RawHandshake() {
    }

    /** Never fails: refusals, resets and timeouts come back as {@link ServerReply.Failed}. */
    static Future<ServerReply> exchange(Vertx vertx, NetClient client, String host, int port, byte[] hello,
                                        long timeoutMillis) {
        Promise<ServerReply> promise = Promise.promise();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        NetSocket[] socket = new NetSocket[1];
        long timer = vertx.setTimer(timeoutMillis, t -> {
            ServerReply last = ServerHelloParser.parse(received.toByteArray());
            complete(promise, socket[0], last instanceof ServerReply.Hello ? last
                    : new ServerReply.Failed(new ProbeFailure(FailureKind.TIMEOUT,
                    "no complete answer to the ClientHello within " + timeoutMillis + " ms ("
                    + received.size() + " bytes received)")));
        });
        promise.future().onComplete(r -> vertx.cancelTimer(timer));
        client.connect(new ConnectOptions().setHost(host).setPort(port).setTimeout((int) timeoutMillis))
                .onFailure(e -> complete(promise, null, new ServerReply.Failed(connectFailure(host, port, e))))
                .onSuccess(s -> {
                    socket[0] = s;
                    if (promise.future().isComplete()) {
                        s.close();
                        return;
                    }
                    s.handler(buf -> {
                        received.writeBytes(buf.getBytes());
                        ServerReply r = ServerHelloParser.parse(received.toByteArray());
                        if (!(r instanceof ServerReply.Incomplete)
                                && !(r instanceof ServerReply.Hello h && !h.flightComplete())) {
                            complete(promise, s, r);
                        }
                    });
                    s.closeHandler(v -> {
                        ServerReply r = ServerHelloParser.parse(received.toByteArray());
                        complete(promise, s, r instanceof ServerReply.Incomplete
                                ? new ServerReply.Failed(new ProbeFailure(FailureKind.RESET, received.size() == 0
                                ? "closed without answering the ClientHello"
                                : "closed after " + received.size() + " bytes of an incomplete answer"))
                                : r);
                    });
                    s.exceptionHandler(e -> complete(promise, s,
                            new ServerReply.Failed(new ProbeFailure(FailureKind.IO, String.valueOf(e.getMessage())))));
                    s.write(Buffer.buffer(hello));
                });
        return promise.future();
    }

    private static void complete(Promise<ServerReply> promise, NetSocket socket, ServerReply reply) {
        if (promise.tryComplete(reply) && socket != null) {
            socket.close();
        } else if (socket != null && promise.future().isComplete()) {
            socket.close();
        }
    }

    static ProbeFailure connectFailure(String host, int port, Throwable e) {
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof ConnectException || msg.contains("Connection refused")) {
            return new ProbeFailure(FailureKind.REFUSED, "connection refused by " + host + ":" + port);
        }
        if (msg.toLowerCase(java.util.Locale.ROOT).contains("timed out")) {
            return new ProbeFailure(FailureKind.TIMEOUT, "connect to " + host + ":" + port + " timed out");
        }
        if (e instanceof java.net.UnknownHostException) {
            return new ProbeFailure(FailureKind.DNS, host + " did not resolve");
        }
        return new ProbeFailure(FailureKind.IO, "connect to " + host + ":" + port + " failed: " + msg);
    }
}
