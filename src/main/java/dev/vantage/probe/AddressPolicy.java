package dev.vantage.probe;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;

/**
 * Which resolved addresses may be probed. Link-local and cloud metadata addresses are never probed, whatever
 * the configuration: reaching them from a monitor is how server-side request forgery starts.
 */
public record AddressPolicy(boolean allowLoopback, boolean allowPrivate) {

    /** For the one-shot CLI: the person at the terminal picked the target, internal sites included. */
    public static final AddressPolicy ALLOW_INTERNAL = new AddressPolicy(true, true);
    /** For public monitoring: only globally routable addresses. */
    public static final AddressPolicy PUBLIC_ONLY = new AddressPolicy(false, false);

    /** Why the address may not be probed, or empty when it may. */
    public Optional<String> refusal(InetAddress address) {
        if (address.isLinkLocalAddress() || isMetadata(address)) {
            return Optional.of(address.getHostAddress() + " is link-local or a cloud metadata address; never probed");
        }
        if (address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return Optional.of(address.getHostAddress() + " is not a unicast host address");
        }
        if (address.isLoopbackAddress() && !allowLoopback) {
            return Optional.of(address.getHostAddress() + " is a loopback address and loopback targets are not allowed");
        }
        if (isPrivate(address) && !allowPrivate) {
            return Optional.of(address.getHostAddress() + " is a private address and private targets are not allowed");
        }
        return Optional.empty();
    }

    private static boolean isMetadata(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            // 169.254.0.0/16 is caught as link-local; 100.100.100.200 is Alibaba Cloud's metadata service.
            return (b[0] & 0xff) == 100 && (b[1] & 0xff) == 100 && (b[2] & 0xff) == 100 && (b[3] & 0xff) == 200;
        }
        // fd00:ec2::254 is the AWS IMDS IPv6 endpoint.
        return address instanceof Inet6Address && (b[0] & 0xff) == 0xfd && b[1] == 0 && (b[2] & 0xff) == 0x0e
                && (b[3] & 0xff) == 0xc2 && (b[15] & 0xff) == 0x54 && b[14] == 0x02;
    }

    private static boolean isPrivate(InetAddress address) {
        if (address.isSiteLocalAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64; // 100.64.0.0/10 carrier-grade NAT
        }
        return (b[0] & 0xfe) == 0xfc; // fc00::/7 unique local
    }
}
