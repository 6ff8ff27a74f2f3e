package dev.vantage.target;

import java.net.InetAddress;
import java.util.Locale;

/**
 * A curl-style {@code --resolve HOST:PORT:ADDR} pin: connect to ADDR whenever HOST:PORT is requested, without DNS.
 * ADDR must be an IP literal (IPv6 in brackets or bare).
 */
public record ResolvePin(String host, int port, String address) {

    /** The key used in {@code ProbeOptions.resolve()}: lower-case host, colon, port. */
    public String key() {
        return key(host, port);
    }

    public static String key(String host, int port) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h + ":" + port;
    }

    /**
     * @throws IllegalArgumentException naming what is wrong with the pin
     */
    public static ResolvePin parse(String text) {
        String usage = "--resolve '" + text + "' must look like HOST:PORT:ADDRESS, e.g. example.com:443:127.0.0.1";
        if (text == null) {
            throw new IllegalArgumentException(usage);
        }
        int first = text.indexOf(':');
        int second = first < 0 ? -1 : text.indexOf(':', first + 1);
        if (first <= 0 || second < 0) {
            throw new IllegalArgumentException(usage);
        }
        String host = text.substring(0, first);
        String portText = text.substring(first + 1, second);
        String address = text.substring(second + 1);
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(usage + " (port '" + portText + "' is not a number)");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(usage + " (port " + port + " is out of range 1-65535)");
        }
        if (address.startsWith("[") && address.endsWith("]")) {
            address = address.substring(1, address.length() - 1);
        }
        java.util.Optional<String> ambiguous = Ipv4Forms.ambiguity(address);
        if (ambiguous.isPresent()) {
            throw new IllegalArgumentException(usage + " (address " + ambiguous.get() + ")");
        }
        if (!isIpLiteral(address)) {
            throw new IllegalArgumentException(usage + " (address '" + address + "' is not an IP address)");
        }
        return new ResolvePin(host.toLowerCase(Locale.ROOT), port, address);
    }

    static boolean isIpLiteral(String s) {
        if (s.isEmpty()) {
            return false;
        }
        boolean v4 = s.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = s.contains(":") && s.matches("[0-9A-Fa-f:.]+");
        if (!v4 && !v6) {
            return false;
        }
        try {
            // Literal syntax only: InetAddress does no lookup for a literal.
            InetAddress.getByName(s);
            return !v4 || java.util.Arrays.stream(s.split("\\.")).allMatch(p -> Integer.parseInt(p) <= 255);
        } catch (Exception e) {
            return false;
        }
    }
}
