package dev.vantage.probe.tls;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads the server's first flight: ServerHello (with supported_versions, key_share, renegotiation_info, ALPN,
 * status_request), HelloRetryRequest, the ServerKeyExchange that follows in TLS <= 1.2, alerts, SSLv2 ServerHello,
 * and tells garbage apart. Pure: bytes in, {@link ServerReply} out; call again with more bytes while it says
 * {@link ServerReply.Incomplete} or an incomplete flight.
 */
public final class ServerHelloParser {

    /** SHA-256("HelloRetryRequest"): the ServerHello random that marks a HelloRetryRequest (RFC 8446 4.1.3). */
    static final byte[] HRR_RANDOM = hex("CF21AD74E59A6111BE1D8C021E65B891C2A211167ABB8C5E079E09E2C8A8339C");
    private static final int MAX_FLIGHT = 256 * 1024;

    private ServerHelloParser() {
    }

    public static ServerReply parse(byte[] data) {
        if (data.length == 0) {
            return new ServerReply.Incomplete();
        }
        int first = data[0] & 0xFF;
        if ((first & 0x80) != 0) {
            return parseSslv2(data);
        }
        if (first != 21 && first != 22) {
            return new ServerReply.NotTls("first byte 0x" + Integer.toHexString(first) + " is not a TLS record"
                    + (looksLikeText(data) ? " (plain text: \"" + preview(data) + "\")" : ""));
        }
        ByteArrayOutputStream handshake = new ByteArrayOutputStream();
        int pos = 0;
        ServerReply.Hello hello = null;
        while (pos + 5 <= data.length) {
            int type = data[pos] & 0xFF;
            int major = data[pos + 1] & 0xFF;
            int len = u16(data, pos + 3);
            if (major != 3 || len > 18432) {
                return hello != null ? hello.withKeyExchange(hello.kxGroup(), hello.dhPrimeBits(), true)
                        : new ServerReply.NotTls("record header is not TLS (version byte " + major + ", length " + len + ")");
            }
            if (pos + 5 + len > data.length) {
                break;
            }
            if (type == 21 && hello == null && len >= 2) {
                return new ServerReply.Alert(data[pos + 5] & 0xFF, data[pos + 6] & 0xFF);
            }
            if (type == 22) {
                handshake.write(data, pos + 5, len);
                ServerReply r = parseHandshake(handshake.toByteArray());
                if (r instanceof ServerReply.Hello h) {
                    hello = h;
                    if (h.flightComplete()) {
                        return h;
                    }
                } else if (!(r instanceof ServerReply.Incomplete)) {
                    return r;
                }
            }
            pos += 5 + len;
        }
        if (data.length > MAX_FLIGHT) {
            return hello != null ? hello.withKeyExchange(hello.kxGroup(), hello.dhPrimeBits(), true)
                    : new ServerReply.NotTls("no ServerHello in the first " + MAX_FLIGHT + " bytes");
        }
        return hello != null ? hello : new ServerReply.Incomplete();
    }

    /** Parses the concatenated handshake messages; returns the Hello so far, Incomplete, or NotTls. */
    private static ServerReply parseHandshake(byte[] hs) {
        int pos = 0;
        ServerReply.Hello hello = null;
        while (pos + 4 <= hs.length) {
            int type = hs[pos] & 0xFF;
            int len = u24(hs, pos + 1);
            if (pos + 4 + len > hs.length) {
                break;
            }
            byte[] body = Arrays.copyOfRange(hs, pos + 4, pos + 4 + len);
            if (hello == null) {
                if (type != 2) {
                    return new ServerReply.NotTls("first handshake message is type " + type + ", not ServerHello");
                }
                hello = parseServerHello(body);
                if (hello == null) {
                    return new ServerReply.NotTls("ServerHello is malformed (" + len + " bytes)");
                }
                if (hello.flightComplete()) {
                    return hello;
                }
            } else if (type == 11) {
                hello = hello.withCertificates(certificates(body));
            } else if (type == 12) {
                hello = withServerKeyExchange(hello, body);
            } else if (type == 14) {
                return hello.withKeyExchange(hello.kxGroup(), hello.dhPrimeBits(), true);
            }
            pos += 4 + len;
        }
        return hello == null ? new ServerReply.Incomplete() : hello;
    }

    static ServerReply.Hello parseServerHello(byte[] b) {
        try {
            ByteBuffer in = ByteBuffer.wrap(b);
            int legacy = in.getShort() & 0xFFFF;
            byte[] random = new byte[32];
            in.get(random);
            int sessionIdLength = in.get() & 0xFF;
            in.position(in.position() + sessionIdLength);
            int suite = in.getShort() & 0xFFFF;
            int compression = in.get() & 0xFF;
            int version = legacy;
            boolean reneg = false;
            boolean status = false;
            Optional<String> alpn = Optional.empty();
            OptionalInt keyShare = OptionalInt.empty();
            List<Integer> types = new ArrayList<>();
            boolean hrr = Arrays.equals(random, HRR_RANDOM);
            if (in.remaining() >= 2) {
                int end = (in.getShort() & 0xFFFF) + in.position();
                while (in.position() + 4 <= end) {
                    int type = in.getShort() & 0xFFFF;
                    int len = in.getShort() & 0xFFFF;
                    byte[] ext = new byte[len];
                    in.get(ext);
                    types.add(type);
                    switch (type) {
                        case 0x002B -> version = len >= 2 ? u16(ext, 0) : version;
                        case 0x0033 -> keyShare = len >= 2 ? OptionalInt.of(u16(ext, 0)) : keyShare;
                        case 0xFF01 -> reneg = true;
                        case 0x0005 -> status = true;
                        case 0x0010 -> alpn = len >= 4
                                ? Optional.of(new String(ext, 3, ext[2] & 0xFF, StandardCharsets.US_ASCII)) : alpn;
                        default -> {
                        }
                    }
                }
            }
            boolean done = hrr || version == 0x0304;
            return new ServerReply.Hello(version, suite, compression, hrr, reneg, status, alpn, keyShare,
                    OptionalInt.empty(), OptionalInt.empty(), types, done, List.of());
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** ECDHE: curve_type 3 (named_curve) + group; DHE: the prime p comes first. PSK variants are not parsed. */
    private static ServerReply.Hello withServerKeyExchange(ServerReply.Hello h, byte[] body) {
        CipherSuite suite = CipherSuites.describe(h.cipherSuite());
        CipherSuite.KeyExchange kx = suite.keyExchange();
        try {
            boolean ec = kx == CipherSuite.KeyExchange.ECDHE || suite.ianaName().contains("ECDH_anon");
            if (ec && (body[0] & 0xFF) == 3) {
                return h.withKeyExchange(OptionalInt.of(u16(body, 1)), h.dhPrimeBits(), false);
            }
            if (kx == CipherSuite.KeyExchange.DHE || kx == CipherSuite.KeyExchange.ANONYMOUS) {
                int plen = u16(body, 0);
                int start = 2;
                while (plen > 0 && body[start] == 0) {
                    start++;
                    plen--;
                }
                int bits = plen == 0 ? 0 : (plen - 1) * 8 + (32 - Integer.numberOfLeadingZeros(body[start] & 0xFF));
                return h.withKeyExchange(h.kxGroup(), OptionalInt.of(bits), false);
            }
        } catch (RuntimeException e) {
            // a malformed ServerKeyExchange leaves the strength unknown; the suite itself was still accepted
        }
        return h;
    }

    /** certificate_list: u24 total, then u24-length DER entries. */
    private static List<byte[]> certificates(byte[] body) {
        List<byte[]> ders = new ArrayList<>();
        int pos = 3;
        while (pos + 3 <= body.length) {
            int len = u24(body, pos);
            if (pos + 3 + len > body.length) {
                break;
            }
            ders.add(Arrays.copyOfRange(body, pos + 3, pos + 3 + len));
            pos += 3 + len;
        }
        return ders;
    }

    private static ServerReply parseSslv2(byte[] d) {
        if (d.length < 2) {
            return new ServerReply.Incomplete();
        }
        int len = ((d[0] & 0x7F) << 8) | (d[1] & 0xFF);
        if (d.length < 2 + Math.min(len, 11)) {
            return new ServerReply.Incomplete();
        }
        if ((d[2] & 0xFF) != 4 || len < 11) {
            return new ServerReply.NotTls("SSLv2-style header without an SSLv2 ServerHello (type " + (d[2] & 0xFF) + ")");
        }
        int certLen = u16(d, 7);
        int specsLen = u16(d, 9);
        if (d.length < 2 + len) {
            return new ServerReply.Incomplete();
        }
        List<Integer> specs = new ArrayList<>();
        int start = 13 + certLen;
        for (int i = start; i + 3 <= start + specsLen && i + 3 <= d.length; i += 3) {
            specs.add(((d[i] & 0xFF) << 16) | u16(d, i + 1));
        }
        return new ServerReply.Sslv2Hello(specs);
    }

    private static boolean looksLikeText(byte[] d) {
        for (int i = 0; i < Math.min(d.length, 8); i++) {
            if (d[i] < 0x09 || d[i] > 0x7E) {
                return false;
            }
        }
        return true;
    }

    private static String preview(byte[] d) {
        String s = new String(d, 0, Math.min(d.length, 40), StandardCharsets.ISO_8859_1);
        return s.replaceAll("[\\r\\n].*", "");
    }

    static int u16(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    static int u24(byte[] b, int at) {
        return ((b[at] & 0xFF) << 16) | u16(b, at + 1);
    }

    static byte[] hex(String s) {
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
