package dev.vantage.probe;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;

/**
 * Which resolved addresses may be probed. Link-local and cloud metadata addresses are never probed, whatever
 * the configuration: reaching them from a monitor is how server-side request forgery starts.
 *
 * @param redirectInward whether a redirect from a public address may lead into loopback or private ranges; the
 *                       one-shot {@code check} refuses it unless {@code --allow-private}, because a CI runner inside
 *                       a company network would otherwise let any public site steer a request inside
 */
public record AddressPolicy(boolean allowLoopback, boolean allowPrivate, boolean redirectInward) {

    /** Internal sites allowed, also when a public site redirects to them ({@code check --allow-private}). */
    public static final AddressPolicy ALLOW_INTERNAL = new AddressPolicy(true, true, true);
    /**
     * For the one-shot CLI: the person at the terminal picked the target, internal sites included, but a public
     * site may not redirect the probe into internal ranges.
     */
    public static final AddressPolicy ONE_SHOT = new AddressPolicy(true, true, false);
    /** For public monitoring: only globally routable addresses. */
    public static final AddressPolicy PUBLIC_ONLY = new AddressPolicy(false, false, false);

    /** Loopback and private addresses as allowed; redirects follow the same rule as targets (service mode). */
    public AddressPolicy(boolean allowLoopback, boolean allowPrivate) {
        this(allowLoopback, allowPrivate, true);
    }

    /**
     * Why a redirect answered from the public address {@code from} may not lead to {@code to}, or empty when it
     * may. The caller decided that {@code from} is public ({@link #isPublic} in production); {@code to} has already
     * passed {@link #refusal}.
     */
    public Optional<String> redirectRefusal(InetAddress from, InetAddress to) {
        if (redirectInward || isPublic(to)) {
            return Optional.empty();
        }
        return Optional.of("refused to follow a redirect from the public address " + from.getHostAddress()
                + " into the " + (to.isLoopbackAddress() ? "loopback" : "private") + " address "
                + to.getHostAddress() + ": a public site may not steer the probe into internal networks "
                + "(check --allow-private allows it)");
    }

    /** A globally routable unicast address: not loopback, private, link-local, metadata or special. */
    public static boolean isPublic(InetAddress address) {
        return !(address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isAnyLocalAddress()
                || address.isMulticastAddress() || isPrivate(address) || isMetadata(address));
    }

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
