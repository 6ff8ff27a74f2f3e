package dev.vantage.probe.tls;

import dev.vantage.probe.tls.CipherSuite.KeyExchange;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Registry of known cipher suites by IANA code, with the lists Vantage offers for each protocol. */
public final class CipherSuites {

    /** Signalling values, not suites: never offered for enumeration, never reported. */
    public static final int EMPTY_RENEGOTIATION_INFO_SCSV = 0x00FF;
    public static final int FALLBACK_SCSV = 0x5600;

    private static final Map<Integer, CipherSuite> BY_CODE = load();

    private CipherSuites() {
    }

    public static Optional<CipherSuite> byCode(int code) {
        return Optional.ofNullable(BY_CODE.get(code));
    }

    /** The suite for a code, or a placeholder named after the code when the registry does not know it. */
    public static CipherSuite describe(int code) {
        return byCode(code).orElseGet(() -> new CipherSuite(code, String.format("UNKNOWN_0x%04X", code),
                String.format("UNKNOWN-0x%04X", code), TlsProtocol.SSL_3, KeyExchange.OTHER, "unknown", "unknown",
                128, "unknown", false));
    }

    public static Optional<CipherSuite> byIanaName(String name) {
        return BY_CODE.values().stream().filter(s -> s.ianaName().equals(name)).findFirst();
    }

    public static Optional<CipherSuite> byOpensslName(String name) {
        return BY_CODE.values().stream().filter(s -> s.opensslName().equals(name)).findFirst();
    }

    public static List<CipherSuite> all() {
        return List.copyOf(BY_CODE.values());
    }

    /**
     * Codes worth offering in a hello of {@code protocol}: TLS 1.3 suites only for 1.3, SSLv2 specs only for SSLv2,
     * and for SSLv3..TLS 1.2 every two-byte suite whose oldest protocol is not newer than the one offered
     * (a server never picks a TLS 1.2-only suite in a TLS 1.0 handshake).
     */
    public static List<Integer> offerableFor(TlsProtocol protocol) {
        List<Integer> codes = new ArrayList<>();
        for (CipherSuite s : BY_CODE.values()) {
            boolean v2 = s.since() == TlsProtocol.SSL_2;
            boolean ok = switch (protocol) {
                case SSL_2 -> v2;
                case TLS_1_3 -> s.tls13();
                default -> !v2 && !s.tls13() && s.since().compareTo(protocol) <= 0;
            };
            if (ok) {
                codes.add(s.code());
            }
        }
        return Collections.unmodifiableList(codes);
    }

    private static Map<Integer, CipherSuite> load() {
        Map<Integer, CipherSuite> map = new LinkedHashMap<>();
        for (String row : CipherSuiteTable.ROWS) {
            CipherSuite s = parse(row);
            map.putIfAbsent(s.code(), s);
        }
        return Collections.unmodifiableMap(map);
    }

    static CipherSuite parse(String row) {
        String[] f = row.split(" ");
        int code = Integer.parseInt(f[0], 16);
        TlsProtocol since = switch (f[3]) {
            case "SSLv2" -> TlsProtocol.SSL_2;
            case "SSLv3" -> TlsProtocol.SSL_3;
            case "TLSv1" -> TlsProtocol.TLS_1_0;
            case "TLSv1.3" -> TlsProtocol.TLS_1_3;
            default -> TlsProtocol.TLS_1_2;
        };
        return new CipherSuite(code, f[1], f[2], since, keyExchange(f[1], f[4], since), f[5], f[6],
                Integer.parseInt(f[7]), f[8], "export".equals(f[9]));
    }

    private static KeyExchange keyExchange(String iana, String opensslKx, TlsProtocol since) {
        if (since == TlsProtocol.TLS_1_3) {
            return KeyExchange.TLS13;
        }
        if (iana.contains("_anon_") || iana.startsWith("SSL_CK_") && opensslKx.equals("None")) {
            return KeyExchange.ANONYMOUS;
        }
        String n = iana.replaceFirst("^(TLS|SSL)_", "");
        if (n.startsWith("ECDHE_PSK")) {
            return KeyExchange.ECDHE_PSK;
        } else if (n.startsWith("DHE_PSK") || n.startsWith("PSK_DHE")) {
            return KeyExchange.DHE_PSK;
        } else if (n.startsWith("RSA_PSK")) {
            return KeyExchange.RSA_PSK;
        } else if (n.startsWith("PSK")) {
            return KeyExchange.PSK;
        } else if (n.startsWith("ECDHE_") || n.startsWith("CECPQ1_")) {
            return KeyExchange.ECDHE;
        } else if (n.startsWith("DHE_") || n.startsWith("EDH_")) {
            return KeyExchange.DHE;
        } else if (n.startsWith("ECDH_")) {
            return KeyExchange.ECDH;
        } else if (n.startsWith("DH_")) {
            return KeyExchange.DH;
        } else if (n.startsWith("SRP")) {
            return KeyExchange.SRP;
        } else if (n.startsWith("KRB5")) {
            return KeyExchange.KRB5;
        } else if (n.startsWith("GOST")) {
            return KeyExchange.GOST;
        } else if (n.startsWith("RSA") || n.startsWith("CK_")) {
            return KeyExchange.RSA;
        }
        return KeyExchange.OTHER;
    }
}
