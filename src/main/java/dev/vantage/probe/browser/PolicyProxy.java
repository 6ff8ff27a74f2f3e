package dev.vantage.probe.browser;

import dev.vantage.probe.AddressPolicy;
import dev.vantage.probe.FailureKind;
import dev.vantage.probe.ProbeFailure;
import dev.vantage.probe.ProbeOptions;
import dev.vantage.probe.browser.BrowserEvidence.FailedRequest;
import dev.vantage.probe.http.TargetResolver;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;

import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;


/**
 * The only way out of the probe's Chromium: an HTTP proxy on loopback ({@code --proxy-server}, with loopback not
 * bypassed) that resolves every host the page asks for through the same {@link TargetResolver} as the HTTP probers,
 * so the target's {@code resolve} pins apply and the {@link AddressPolicy} is held: a refused address gets a 403 and
 * is recorded, never connected to. https is tunnelled ({@code CONNECT}; TLS stays between browser and site); plain
 * http is forwarded one request per connection ({@code Connection: close}), so a reused browser connection cannot
 * carry a request to another host past the check.
 */
final class PolicyProxy {

    /** Longer request heads are refused: the browser never sends them, a hostile page cannot make it. */
    static final int MAX_HEAD_BYTES = 16 * 1024;
    /** Refusals kept for the evidence; a page asking for more gets the same 403s, unrecorded. */
    static final int MAX_RECORDED = 100;

    private final TargetResolver resolver;
    private final InetAddress pageAddress;
    private final Optional<InetAddress> publicPage;
    private final AddressPolicy policy;
    private final NetServer server;
    private final NetClient client;
    private final Set<NetSocket> open = ConcurrentHashMap.newKeySet();
    private final Map<String, String> refused = new ConcurrentHashMap<>();

    private PolicyProxy(Vertx vertx, ProbeOptions options, InetAddress pageAddress, long connectMillis) {
        this.resolver = new TargetResolver(vertx, options.resolve(), options.addressPolicy());
        this.policy = options.addressPolicy();
        this.pageAddress = pageAddress;
        this.publicPage = AddressPolicy.isPublic(pageAddress) ? Optional.of(pageAddress) : Optional.empty();
        this.server = vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(0));
        this.client = vertx.createNetClient(new NetClientOptions().setConnectTimeout((int) connectMillis));
    }

    /**
     * Resolves the page first: a page the policy refuses fails here, with the refusal, before any browser starts.
     * When the page's address is public and the policy does not let a public site reach inward, no request of the
     * page may go to an internal address either (as for redirects).
     */
    static Future<PolicyProxy> start(Vertx vertx, ProbeOptions options, URI page, long connectMillis) {
        TargetResolver resolver = new TargetResolver(vertx, options.resolve(), options.addressPolicy());
        return resolver.resolve(page.getHost(), port(page.getScheme(), page.getPort())).compose(r -> {
            if (r.failure().isPresent()) {
                return Future.failedFuture(new IllegalArgumentException(r.failure().get().message()));
            }
            InetAddress address = r.address().orElseThrow();
            PolicyProxy proxy = new PolicyProxy(vertx, options, address, connectMillis);
            return proxy.server.connectHandler(proxy::accept).listen().map(s -> proxy);
        });
    }

    int port() {
        return server.actualPort();
    }

    /** Where the page's host resolved (pins applied), admitted by the policy. */
    InetAddress pageAddress() {
        return pageAddress;
    }

    /** What the policy refused: {@code host:port} and why. */
    Map<String, String> refused() {
        return Map.copyOf(refused);
    }

    /** Stops listening and cuts every connection still open, so nothing of this probe outlives it. */
    Future<Void> close() {
        open.forEach(NetSocket::close);
        return Future.join(server.close(), client.close()).mapEmpty();
    }

    /**
     * The browser's failed requests with the policy's reason where the browser only saw a broken tunnel or a 403.
     * Refusals the page's network log does not show are Chromium's own background requests, not the page's.
     */
    List<FailedRequest> explain(List<FailedRequest> failed) {
        Map<String, String> why = refused();
        List<FailedRequest> out = new ArrayList<>();
        for (FailedRequest f : failed) {
            String reason = why.get(authority(f.url()));
            out.add(reason == null ? f : new FailedRequest(f.url(), FailedRequest.REFUSED + reason));
        }
        return out;
    }

    private void accept(NetSocket socket) {
        open.add(socket);
        socket.closeHandler(v -> open.remove(socket));
        Buffer head = Buffer.buffer();
        socket.handler(data -> {
            head.appendBuffer(data);
            int end = headEnd(head);
            if (end < 0 && head.length() > MAX_HEAD_BYTES) {
                answer(socket, "431 Request Header Fields Too Large", "request head too long");
            } else if (end >= 0) {
                socket.pause();
                socket.handler(null);
                forward(socket, head.getString(0, end, "ISO-8859-1"), head.getBuffer(end + 4, head.length()));
            }
        });
    }

    private void forward(NetSocket socket, String head, Buffer rest) {
        String[] lines = head.split("\r\n");
        String[] request = lines[0].split(" ");
        if (request.length != 3) {
            answer(socket, "400 Bad Request", "not an HTTP request line");
            return;
        }
        boolean tunnel = "CONNECT".equalsIgnoreCase(request[0]);
        URI target;
        try {
            target = tunnel ? URI.create("https://" + request[1] + "/") : URI.create(request[1]);
        } catch (IllegalArgumentException e) {
            answer(socket, "400 Bad Request", "not a URL: " + request[1]);
            return;
        }
        if (target.getHost() == null || !(tunnel || "http".equalsIgnoreCase(target.getScheme()))) {
            answer(socket, "400 Bad Request", "a proxy request needs an absolute http URL or CONNECT host:port");
            return;
        }
        String host = TargetResolver.unbracket(target.getHost());
        int port = port(target.getScheme(), target.getPort());
        resolver.resolve(host, port).onComplete(r -> {
            Optional<ProbeFailure> failure = r.failed()
                    ? Optional.of(new ProbeFailure(FailureKind.DNS, "cannot resolve " + host + ": " + r.cause()))
                    : r.result().failure();
            if (failure.isPresent() && failure.get().kind() != FailureKind.BLOCKED_ADDRESS) {
                answer(socket, "502 Bad Gateway", failure.get().message());
                return;
            }
            Optional<String> refusal = failure.map(ProbeFailure::message)
                    .or(() -> publicPage.flatMap(p -> policy.redirectRefusal(p, r.result().address().orElseThrow())));
            if (refusal.isPresent()) {
                if (refused.size() < MAX_RECORDED) {
                    refused.putIfAbsent(host.toLowerCase(Locale.ROOT) + ":" + port, refusal.get());
                }
                answer(socket, "403 Forbidden", refusal.get());
                return;
            }
            client.connect(port, r.result().address().orElseThrow().getHostAddress()).onComplete(c -> {
                if (c.failed()) {
                    answer(socket, "502 Bad Gateway", "cannot connect to " + host + ":" + port + ": " + c.cause());
                    return;
                }
                NetSocket upstream = c.result();
                open.add(upstream);
                upstream.closeHandler(v -> open.remove(upstream));
                if (tunnel) {
                    socket.write("HTTP/1.1 200 Connection Established\r\n\r\n");
                } else {
                    upstream.write(originForm(lines, target));
                }
                if (rest.length() > 0) {
                    upstream.write(rest);
                }
                socket.pipeTo(upstream);
                upstream.pipeTo(socket);
            });
        });
    }

    /** The request as the site expects it: path-only target, no proxy headers, and one request per connection. */
    private static String originForm(String[] lines, URI target) {
        String[] request = lines[0].split(" ");
        String path = (target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath())
                + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
        StringBuilder out = new StringBuilder(request[0]).append(' ').append(path).append(' ').append(request[2])
                .append("\r\n");
        for (int i = 1; i < lines.length; i++) {
            String name = lines[i].contains(":") ? lines[i].substring(0, lines[i].indexOf(':')).trim() : "";
            if (!name.equalsIgnoreCase("Proxy-Connection") && !name.equalsIgnoreCase("Connection")
                    && !name.equalsIgnoreCase("Proxy-Authorization")) {
                out.append(lines[i]).append("\r\n");
            }
        }
        return out.append("Connection: close\r\n\r\n").toString();
    }

    private void answer(NetSocket socket, String status, String why) {
        byte[] body = (why + "\n").getBytes(StandardCharsets.UTF_8);
        socket.write("HTTP/1.1 " + status + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: "
                + body.length + "\r\nConnection: close\r\n\r\n").compose(v -> socket.write(Buffer.buffer(body)))
                .onComplete(v -> socket.close());
    }

    private static int headEnd(Buffer b) {
        for (int i = 0; i + 3 < b.length(); i++) {
            if (b.getByte(i) == '\r' && b.getByte(i + 1) == '\n' && b.getByte(i + 2) == '\r'
                    && b.getByte(i + 3) == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static int port(String scheme, int port) {
        return port >= 0 ? port : "https".equalsIgnoreCase(scheme) ? 443 : 80;
    }

    /** {@code host:port} of a URL (or of {@code //host:port}), lower case; empty when it has none. */
    static String authority(String url) {
        try {
            URI u = URI.create(url);
            String scheme = u.getScheme() == null ? "https" : u.getScheme();
            return u.getHost() == null ? "" : TargetResolver.unbracket(u.getHost()).toLowerCase(Locale.ROOT) + ":"
                    + port(scheme, u.getPort());
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
