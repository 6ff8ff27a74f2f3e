package dev.vantage.check.tls;

import dev.vantage.probe.tls.AcceptedSuite;
import dev.vantage.probe.tls.CertificateFacts;
import dev.vantage.probe.tls.CertificateSummary;
import dev.vantage.probe.tls.KeyExchangeStrength;
import dev.vantage.probe.tls.ProtocolSupport;
import dev.vantage.probe.tls.TlsInspection;
import dev.vantage.probe.tls.TlsProtocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The SSL Labs server rating (guide 2009r, as testssl.sh 3.2 implements it), as a pure function of a
 * {@link TlsInspection} and the site's HSTS max-age. Deviations are listed in docs/tls.md.
 */
public final class SslLabsRating {

    /** HSTS max-age SSL Labs wants for A+ (180 days). */
    public static final long HSTS_A_PLUS_SECONDS = 15_552_000L;
    private static final String[] ORDER = {"A+", "A", "A-", "B", "C", "D", "E", "F", "T", "M"};

    private SslLabsRating() {
    }

    public static TlsRating rate(TlsInspection in, OptionalLong hstsMaxAge) {
        List<TlsRating.Cap> caps = new ArrayList<>();
        if (!in.speaksTls()) {
            caps.add(new TlsRating.Cap("F", "no TLS protocol accepted"));
            return new TlsRating(0, "F", 0, 0, 0, caps, List.of());
        }
        int protocol = protocolScore(in);
        int weakestKx = weakestKeyExchange(in);
        int cipher = cipherScore(in);
        int score = protocol == 0 || weakestKx == 0 || cipher == 0 ? 0
                : (int) Math.round(0.3 * protocol + 0.3 * weakestKx + 0.4 * cipher);
        caps(in, weakestKx, caps);
        String letter = letter(score);
        for (TlsRating.Cap c : caps) {
            if (rank(c.letter()) > rank(letter) && rank(c.letter()) <= rank("F")) {
                letter = c.letter();
            }
        }
        boolean trustCap = caps.stream().anyMatch(c -> c.letter().equals("T"));
        boolean nameCap = caps.stream().anyMatch(c -> c.letter().equals("M"));
        List<String> warnings = warnings(in, hstsMaxAge);
        if (trustCap) {
            letter = "T";
        } else if (nameCap) {
            letter = "M";
        } else if (letter.equals("A") && caps.isEmpty()) {
            boolean longHsts = hstsMaxAge.isPresent() && hstsMaxAge.getAsLong() >= HSTS_A_PLUS_SECONDS;
            if (!warnings.isEmpty()) {
                letter = "A-";
            } else if (longHsts) {
                letter = "A+";
            }
        }
        return new TlsRating(score, letter, protocol, weakestKx, cipher, caps, warnings);
    }

    static String letter(int score) {
        return score >= 80 ? "A" : score >= 65 ? "B" : score >= 50 ? "C" : score >= 35 ? "D" : score >= 20 ? "E" : "F";
    }

    private static int rank(String letter) {
        for (int i = 0; i < ORDER.length; i++) {
            if (ORDER[i].equals(letter)) {
                return i;
            }
        }
        return ORDER.length;
    }

    static int protocolPoints(TlsProtocol p) {
        return switch (p) {
            case SSL_2 -> 0;
            case SSL_3 -> 80;
            case TLS_1_0 -> 90;
            case TLS_1_1 -> 95;
            case TLS_1_2, TLS_1_3 -> 100;
        };
    }

    static int protocolScore(TlsInspection in) {
        List<Integer> points = in.acceptedProtocols().stream().map(SslLabsRating::protocolPoints).toList();
        int best = points.stream().max(Integer::compare).orElse(0);
        int worst = points.stream().min(Integer::compare).orElse(0);
        return (best + worst) / 2;
    }

    /** RSA/DH bit cut-offs 512/1024/2048/4096; EC cut-offs 110/123/163/225. */
    static int keyExchangePoints(boolean elliptic, int bits) {
        int[] cut = elliptic ? new int[]{110, 123, 163, 225} : new int[]{512, 1024, 2048, 4096};
        return bits < cut[0] ? 20 : bits < cut[1] ? 40 : bits < cut[2] ? 80 : bits < cut[3] ? 90 : 100;
    }

    /** Weakest of the certificate key and every ephemeral key exchange seen; anonymous suites score 0. */
    static int weakestKeyExchange(TlsInspection in) {
        int weakest = 100;
        Optional<CertificateSummary> leaf = in.certificate().leaf();
        if (leaf.isPresent() && leaf.get().keyBits() > 0) {
            boolean ec = leaf.get().keyAlgorithm().toUpperCase(Locale.ROOT).startsWith("EC")
                    || leaf.get().keyAlgorithm().startsWith("Ed");
            weakest = Math.min(weakest, keyExchangePoints(ec, leaf.get().keyBits()));
        }
        for (AcceptedSuite s : in.acceptedSuites()) {
            if (s.suite().anonymous()) {
                return 0;
            }
            if (s.keyExchange().isPresent()) {
                KeyExchangeStrength k = s.keyExchange().get();
                weakest = Math.min(weakest, keyExchangePoints(k.elliptic(), k.bits()));
            }
        }
        return weakest;
    }

    static int cipherPoints(int bits) {
        return bits == 0 ? 0 : bits < 128 ? 20 : bits < 256 ? 80 : 100;
    }

    static int cipherScore(TlsInspection in) {
        List<Integer> points = in.acceptedSuites().stream().map(s -> cipherPoints(s.suite().bits())).toList();
        int best = points.stream().max(Integer::compare).orElse(0);
        int worst = points.stream().min(Integer::compare).orElse(0);
        return (best + worst) / 2;
    }

    private static void caps(TlsInspection in, int kx, List<TlsRating.Cap> caps) {
        List<TlsProtocol> protocols = in.acceptedProtocols();
        List<AcceptedSuite> suites = in.acceptedSuites();
        TlsProtocol best = protocols.get(protocols.size() - 1);
        cap(caps, in.accepts(TlsProtocol.SSL_2), "F", "SSLv2 accepted");
        cap(caps, best == TlsProtocol.SSL_3, "F", "SSLv3 is the best protocol offered");
        cap(caps, suites.stream().anyMatch(s -> s.suite().export()), "F", "EXPORT suites accepted");
        cap(caps, suites.stream().anyMatch(s -> s.suite().weakerThan112Bits()), "F",
                "suites under 112 bits accepted (NULL, EXPORT or DES)");
        cap(caps, suites.stream().anyMatch(s -> s.suite().anonymous()), "F", "anonymous (unauthenticated) suites accepted");
        Optional<CertificateSummary> leaf = in.certificate().leaf();
        cap(caps, leaf.isPresent() && leaf.get().signatureAlgorithm().toUpperCase(Locale.ROOT).contains("MD5"), "F",
                "certificate signed with MD5");
        cap(caps, kx <= 40, "F", "key exchange too weak (score " + kx + ")");
        cap(caps, !in.accepts(TlsProtocol.TLS_1_2) && !in.accepts(TlsProtocol.TLS_1_3), "C", "no TLS 1.2 support");
        boolean legacyOnModern = in.protocols().stream().filter(p -> p.accepted()
                && p.protocol().compareTo(TlsProtocol.TLS_1_1) >= 0).flatMap(p -> p.suites().stream())
                .anyMatch(s -> s.suite().rc4() || s.suite().tripleDes());
        cap(caps, legacyOnModern, "C", "RC4 or 3DES accepted with TLS 1.1 or newer");
        cap(caps, in.accepts(TlsProtocol.TLS_1_0) || in.accepts(TlsProtocol.TLS_1_1), "B", "TLS 1.0 or 1.1 accepted");
        cap(caps, in.accepts(TlsProtocol.SSL_3), "B", "SSLv3 accepted");
        cap(caps, suites.stream().noneMatch(s -> s.suite().forwardSecrecy()), "B", "no forward-secret suite");
        cap(caps, suites.stream().anyMatch(s -> s.suite().rc4()), "B", "RC4 accepted");
        CertificateFacts cert = in.certificate();
        cap(caps, cert.available() && !cert.chainComplete() && !cert.selfSigned(), "B", "incomplete certificate chain");
        cap(caps, kx > 40 && kx <= 80, "B", "key exchange weaker than 2048-bit RSA equivalent (score " + kx + ")");
        cap(caps, suites.stream().noneMatch(s -> s.suite().aead()), "B", "no AEAD suite");
        trustCaps(in, caps);
    }

    private static void trustCaps(TlsInspection in, List<TlsRating.Cap> caps) {
        CertificateFacts cert = in.certificate();
        if (!cert.available()) {
            cap(caps, true, "T", "certificate could not be read: " + cert.error().orElse("unknown"));
            return;
        }
        CertificateSummary leaf = cert.leaf().orElseThrow();
        boolean expired = in.observedAt().isAfter(leaf.notAfter());
        boolean notYet = in.observedAt().isBefore(leaf.notBefore());
        cap(caps, expired, "T", "certificate expired on " + leaf.notAfter());
        cap(caps, notYet, "T", "certificate not valid before " + leaf.notBefore());
        // A self-signed leaf the operator trusts explicitly (--ca-file) is a pinned internal certificate, not a T.
        cap(caps, cert.selfSigned() && !cert.trust().trusted(), "T", "self-signed certificate");
        cap(caps, !cert.trust().trusted() && !expired && !notYet && !cert.selfSigned(), "T",
                "untrusted chain: " + cert.trust().problem().orElse("unknown"));
        cap(caps, leaf.signatureAlgorithm().toUpperCase(Locale.ROOT).startsWith("SHA1"), "T",
                "certificate signed with SHA-1");
        cap(caps, !cert.hostnameMatches(), "M", "certificate does not cover " + cert.hostname());
    }

    private static void cap(List<TlsRating.Cap> caps, boolean when, String letter, String reason) {
        if (when) {
            caps.add(new TlsRating.Cap(letter, reason));
        }
    }

    private static List<String> warnings(TlsInspection in, OptionalLong hsts) {
        List<String> w = new ArrayList<>();
        if (!in.accepts(TlsProtocol.TLS_1_3)) {
            w.add("no TLS 1.3");
        }
        if (in.secureRenegotiation().isPresent() && !in.secureRenegotiation().get()) {
            w.add("no secure renegotiation");
        }
        if (hsts.isPresent() && hsts.getAsLong() < HSTS_A_PLUS_SECONDS) {
            w.add("HSTS max-age " + hsts.getAsLong() + " s is under 180 days");
        }
        return w;
    }

    /** The protocols a rating looked at, for reports. */
    public static List<String> acceptedLabels(TlsInspection in) {
        return in.protocols().stream().filter(ProtocolSupport::accepted).map(p -> p.protocol().label()).toList();
    }
}
