package dev.vantage.check.exposure;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class SecurityTxtTest {

    @Test
    void parsesContactsAndOneExpires() {
        SecurityTxt txt = SecurityTxt.parse("# our policy\nContact: mailto:security@example.com\n"
                + "Contact: https://example.com/report\r\nExpires: 2027-01-31T23:00:00.000Z\n"
                + "Preferred-Languages: en\n");

        assertThat(txt.contacts()).containsExactly("mailto:security@example.com", "https://example.com/report");
        assertThat(txt.expiresAt()).contains(Instant.parse("2027-01-31T23:00:00Z"));
        assertThat(txt.problem()).isEmpty();
    }

    @Test
    void readsFieldsInsideAnOpenPgpSignedFile() {
        SecurityTxt txt = SecurityTxt.parse("-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\n"
                + "Contact: mailto:s@example.com\nExpires: 2027-05-01T00:00:00+02:00\n"
                + "-----BEGIN PGP SIGNATURE-----\nabc\n-----END PGP SIGNATURE-----\n");

        assertThat(txt.problem()).isEmpty();
        assertThat(txt.expiresAt()).contains(Instant.parse("2027-04-30T22:00:00Z"));
    }

    @Test
    void namesWhatMakesItInvalid() {
        assertThat(SecurityTxt.parse("Expires: 2027-01-01T00:00:00Z").problem()).contains("no Contact field");
        assertThat(SecurityTxt.parse("Contact: mailto:a@b.c").problem()).contains("no Expires field");
        assertThat(SecurityTxt.parse("Contact: mailto:a@b.c\nExpires: 2027-01-01T00:00:00Z\n"
                + "Expires: 2028-01-01T00:00:00Z").problem()).contains("2 Expires fields (exactly one allowed)");
        assertThat(SecurityTxt.parse("Contact: mailto:a@b.c\nExpires: next year").problem())
                .contains("Expires 'next year' is not an RFC 3339 date-time");
    }
}
