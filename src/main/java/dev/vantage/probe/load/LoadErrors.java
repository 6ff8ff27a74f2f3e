package dev.vantage.probe.load;

import dev.vantage.probe.load.LoadEvidence.ErrorKind;

import javax.net.ssl.SSLException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/** Maps an answer's status or a client failure to the error kind a load report counts. Pure functions. */
final class LoadErrors {

    private LoadErrors() {
    }

    /** The error an answer with {@code status} counts as, or null when it is a success (1xx to 3xx). */
    static ErrorKind ofStatus(int status) {
        if (status >= 500) {
            return ErrorKind.STATUS_5XX;
        }
        return status >= 400 ? ErrorKind.STATUS_4XX : null;
    }

    /** The kind of a failure with no answer, from the exception and its causes. */
    static ErrorKind ofFailure(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TimeoutException || t instanceof io.netty.channel.ConnectTimeoutException) {
                return t instanceof io.netty.channel.ConnectTimeoutException ? ErrorKind.CONNECT : ErrorKind.TIMEOUT;
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException
                    || t instanceof UnknownHostException || t instanceof SSLException) {
                return ErrorKind.CONNECT;
            }
            if (t instanceof ClosedChannelException || t instanceof io.vertx.core.http.HttpClosedException
                    || t instanceof io.vertx.core.http.StreamResetException) {
                return ErrorKind.RESET;
            }
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("connection reset") || message.contains("broken pipe")
                    || message.contains("connection was closed") || message.contains("closed")) {
                return ErrorKind.RESET;
            }
            if (message.contains("refused")) {
                return ErrorKind.CONNECT;
            }
            if (message.contains("timeout") || message.contains("timed out")) {
                return ErrorKind.TIMEOUT;
            }
        }
        return ErrorKind.OTHER;
    }
}
