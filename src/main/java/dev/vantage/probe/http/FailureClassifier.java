package dev.vantage.probe.http;

import dev.vantage.probe.FailureKind;
import dev.vantage.probe.ProbeFailure;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;

/** Maps the exceptions of a socket to the {@link FailureKind} a report can explain. */
final class FailureClassifier {

    /** Where the exchange was when the error struck; the same exception means different things in each. */
    enum Stage { CONNECT, TLS, EXCHANGE }

    private FailureClassifier() {
    }

    static ProbeFailure classify(Throwable error, Stage stage, String where) {
        Throwable cause = rootOf(error);
        String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        if (cause instanceof UnknownHostException) {
            return new ProbeFailure(FailureKind.DNS, "cannot resolve " + where);
        }
        if (cause instanceof ConnectTimeoutException || cause instanceof SslHandshakeTimeoutException) {
            return new ProbeFailure(FailureKind.TIMEOUT, detail + " (" + where + ")");
        }
        if (stage == Stage.CONNECT && cause instanceof ConnectException
                && detail.toLowerCase(Locale.ROOT).contains("refused")) {
            return new ProbeFailure(FailureKind.REFUSED, "connection refused by " + where);
        }
        if (stage == Stage.CONNECT && cause instanceof NoRouteToHostException) {
            return new ProbeFailure(FailureKind.IO, "no route to " + where);
        }
        if (stage == Stage.TLS || cause instanceof SSLException) {
            return new ProbeFailure(FailureKind.TLS_HANDSHAKE, "TLS handshake with " + where + " failed: " + detail);
        }
        if (isReset(cause)) {
            return new ProbeFailure(FailureKind.RESET, "connection to " + where + " reset: " + detail);
        }
        return new ProbeFailure(FailureKind.IO, detail + " (" + where + ")");
    }

    private static boolean isReset(Throwable cause) {
        if (cause instanceof ClosedChannelException) {
            return true;
        }
        String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
        return (cause instanceof SocketException || cause instanceof IOException)
                && (message.contains("reset") || message.contains("broken pipe") || message.contains("closed"));
    }

    private static Throwable rootOf(Throwable error) {
        Throwable t = error;
        // Netty wraps the interesting exception (e.g. a DecoderException around an SSLHandshakeException).
        while (t.getCause() != null && t.getCause() != t && !(t instanceof SSLException)) {
            t = t.getCause();
        }
        return t;
    }
}
