package dev.vantage.probe.tls;

/** Names and strengths of TLS named groups (supported_groups / key_share codes). */
public final class NamedGroups {

    private NamedGroups() {
    }

    public static String name(int code) {
        return switch (code) {
            case 0x0017 -> "secp256r1";
            case 0x0018 -> "secp384r1";
            case 0x0019 -> "secp521r1";
            case 0x001D -> "x25519";
            case 0x001E -> "x448";
            case 0x0100 -> "ffdhe2048";
            case 0x0101 -> "ffdhe3072";
            case 0x0102 -> "ffdhe4096";
            case 0x0103 -> "ffdhe6144";
            case 0x0104 -> "ffdhe8192";
            case 0x0016 -> "secp256k1";
            case 0x0015 -> "secp224r1";
            case 0x0014 -> "secp224k1";
            case 0x0013 -> "secp192r1";
            case 0x0012 -> "secp192k1";
            case 0x001A -> "brainpoolP256r1";
            case 0x001B -> "brainpoolP384r1";
            case 0x001C -> "brainpoolP512r1";
            case 0x11EC -> "X25519MLKEM768";
            default -> String.format("group-0x%04X", code);
        };
    }

    /** True for finite-field (DH) groups, whose bits compare with RSA sizes rather than EC sizes. */
    public static boolean finiteField(int code) {
        return code >= 0x0100 && code <= 0x01FF;
    }

    /** Key size in bits (field size for EC, prime size for FFDHE), 0 when unknown. */
    public static int bits(int code) {
        return switch (code) {
            case 0x0017, 0x0016, 0x001A -> 256;
            case 0x0018, 0x001B -> 384;
            case 0x0019 -> 521;
            case 0x001C -> 512;
            case 0x001D -> 253;
            case 0x001E -> 448;
            case 0x0100 -> 2048;
            case 0x0101 -> 3072;
            case 0x0102 -> 4096;
            case 0x0103 -> 6144;
            case 0x0104 -> 8192;
            case 0x0015, 0x0014 -> 224;
            case 0x0013, 0x0012 -> 192;
            case 0x11EC -> 253;
            default -> code >= 0x0001 && code <= 0x000E ? 163 : code >= 0x000F && code <= 0x0011 ? 160 : 0;
        };
    }
}
