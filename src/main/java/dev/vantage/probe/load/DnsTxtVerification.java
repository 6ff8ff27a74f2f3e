package dev.vantage.probe.load;

import dev.vantage.probe.load.Ownership.Method;
import dev.vantage.probe.load.Ownership.Verification;
import io.netty.resolver.dns.DnsNameResolverTimeoutException;
import io.netty.util.NetUtil;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.dns.DnsClient;
import io.vertx.core.dns.DnsClientOptions;
import io.vertx.core.dns.DnsException;
import io.vertx.core.dns.DnsResponseCode;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Ownership proof through DNS: a TXT record at {@code _vantage-verification.<host>} whose value is the token
 * (or {@code vantage-verification=<token>}). One TXT query through Vert.x's {@link DnsClient}, bounded by a query
 * timeout of at most {@value #MAX_QUERY_TIMEOUT_MS} ms; the future never fails.
 */
public final class DnsTxtVerification {

    public static final String LABEL = "_vantage-verification";
    /** Accepted in front of the token, as in {@code google-site-verification=...} records. */
    public static final String VALUE_PREFIX = "vantage-verification=";
    public static final long MAX_QUERY_TIMEOUT_MS = 5_000;
    /** Extra wait past the query timeout before giving up on the client ourselves. */
    private static final long GUARD_MS = 1_000;
    private static final int SHOWN_VALUES = 3;
    private static final int SHOWN_CHARS = 80;

    private final Vertx vertx;
    private final DnsClientOptions options;

    /** Queries the system resolver: the Vertx instance's address-resolver servers, else /etc/resolv.conf. */
    public DnsTxtVerification(Vertx vertx) {
        this(vertx, new DnsClientOptions());
    }

    /**
     * Queries the server of {@code options} (host unset: the system resolver, as Vert.x picks it); the query
     * timeout is capped at {@value #MAX_QUERY_TIMEOUT_MS} ms.
     */
    public DnsTxtVerification(Vertx vertx, DnsClientOptions options) {
        this.vertx = vertx;
        this.options = new DnsClientOptions(options)
                .setQueryTimeout(Math.min(Math.max(1, options.getQueryTimeout()), MAX_QUERY_TIMEOUT_MS));
        if (options.getHost() != null && options.getPort() < 0) {
            this.options.setPort(53); // Vert.x would silently ignore a host given without a port
        }
    }

    long queryTimeoutMillis() {
        return options.getQueryTimeout();
    }

    /** The TXT record name for {@code target}; empty for a target without a host or with an IP-literal host. */
    public static Optional<String> recordName(URI target) {
        String host = target == null ? null : target.getHost();
        if (host == null || host.isEmpty() || host.startsWith("[") || NetUtil.isValidIpV4Address(host)) {
            return Optional.empty();
        }
        String bare = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        return Optional.of(LABEL + "." + bare.toLowerCase(Locale.ROOT));
    }

    /** Looks up the TXT record for {@code target} and judges it against {@code token}; never fails. */
    public Future<Verification> verify(URI target, String token) {
        Optional<String> name = recordName(target);
        if (token == null || token.isBlank()) {
            return Future.succeededFuture(refused("no verification token to look for in DNS"));
        }
        if (name.isEmpty()) {
            String host = target == null ? null : target.getHost();
            return Future.succeededFuture(refused(host == null
                    ? "DNS TXT verification needs a host name and " + target + " has none"
                    : "DNS TXT verification is not possible for the IP-literal target " + host
                    + " (a TXT record needs a host name); serve the well-known file instead"));
        }
        // Creating a client with no server set reads /etc/resolv.conf and /etc/hosts: off the event loop.
        return vertx.executeBlocking(() -> vertx.createDnsClient(options), false)
                .compose(client -> client.resolveTXT(name.get())
                        .timeout(options.getQueryTimeout() + GUARD_MS, TimeUnit.MILLISECONDS)
                        .transform(answer -> Future.succeededFuture(answer.succeeded()
                                ? judge(name.get(), answer.result(), token)
                                : failed(name.get(), answer.cause(), token)))
                        .eventually(() -> client.close().otherwiseEmpty()))
                .otherwise(error -> failed(name.get(), error, token));
    }

    /**
     * Pure: whether the TXT strings found at {@code name} hold {@code token}. Vert.x returns the character-strings
     * of all records in one list (record by record, in order), so a record split into several strings matches when
     * consecutive strings concatenate to the value (RFC 7208 section 3.3, as for SPF).
     */
    static Verification judge(String name, List<String> strings, String token) {
        URI url = recordUri(name);
        if (strings.isEmpty()) {
            return new Verification(false, url, "no TXT record at " + name + fix(name, token), Method.NONE);
        }
        if (matches(strings, token)) {
            return new Verification(true, url, "ownership verified: the TXT record at " + name
                    + " holds the expected token", Method.DNS_TXT);
        }
        return new Verification(false, url, "the TXT record at " + name + " does not hold the expected token (found "
                + shown(strings) + ")" + fix(name, token), Method.NONE);
    }

    /** Pure: a refusal naming {@code name} and the DNS error. */
    static Verification failed(String name, Throwable error, String token) {
        return new Verification(false, recordUri(name), "TXT lookup of " + name + " failed: " + describe(error)
                + fix(name, token), Method.NONE);
    }

    static String describe(Throwable error) {
        if (error instanceof DnsException dns) {
            return dns.code() == DnsResponseCode.NXDOMAIN ? "NXDOMAIN (the name does not exist)"
                    : "the DNS server answered " + dns.code().name();
        }
        if (error instanceof TimeoutException || error instanceof DnsNameResolverTimeoutException
                || error.getCause() instanceof DnsNameResolverTimeoutException) {
            return "timeout (no answer from the DNS server)";
        }
        return error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    }

    private static boolean matches(List<String> strings, String token) {
        String prefixed = VALUE_PREFIX + token;
        for (int start = 0; start < strings.size(); start++) {
            StringBuilder value = new StringBuilder();
            for (int end = start; end < strings.size(); end++) {
                value.append(strings.get(end));
                String v = value.toString();
                if (v.equals(token) || v.equals(prefixed)) {
                    return true;
                }
                if (!token.startsWith(v) && !prefixed.startsWith(v)) {
                    break;
                }
            }
        }
        return false;
    }

    private static String fix(String name, String token) {
        return "; publish a TXT record at " + name + " whose value is " + token;
    }

    private static String shown(List<String> strings) {
        String values = strings.stream().limit(SHOWN_VALUES).map(DnsTxtVerification::printable)
                .collect(Collectors.joining(", "));
        return strings.size() > SHOWN_VALUES ? values + " and " + (strings.size() - SHOWN_VALUES) + " more" : values;
    }

    private static String printable(String value) {
        String clean = value.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return "\"" + (clean.length() > SHOWN_CHARS ? clean.substring(0, SHOWN_CHARS) + "…" : clean) + "\"";
    }

    /** The record as an RFC 4501 URI, so a DNS verification has a {@code url} like a file verification. */
    static URI recordUri(String name) {
        return URI.create("dns:" + name + "?type=TXT");
    }

    private static Verification refused(String message) {
        return new Verification(false, URI.create("dns:" + LABEL + "?type=TXT"), message, Method.NONE);
    }
}
