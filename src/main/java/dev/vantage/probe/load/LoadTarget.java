package dev.vantage.probe.load;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a load run connects: the origin as the user named it (Host header, SNI, certificate name) and the
 * address already resolved and checked against the address policy, so the run never reaches an address the
 * policy forbids through a second DNS lookup.
 *
 * @param origin  {@code scheme://host[:port]} of the target
 * @param address the IP address to connect to
 * @param caFile  PEM CA certificates to trust instead of the JDK store (private or test CAs)
 */
public record LoadTarget(URI origin, String address, Optional<Path> caFile) {

    public boolean https() {
        return "https".equalsIgnoreCase(origin.getScheme());
    }

    public int port() {
        return origin.getPort() != -1 ? origin.getPort() : https() ? 443 : 80;
    }

    /** The host name as sent in Host and SNI, without IPv6 brackets. */
    public String host() {
        String host = origin.getHost();
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** The Host header value: the port is included unless it is the scheme's default. */
    public String hostHeader() {
        return origin.getRawAuthority().replaceFirst("^[^@]*@", "");
    }
}
