package dev.vantage.probe.tls;

import dev.vantage.fixtures.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Trust managers are kept between runs (issue 10) but never outlive an edit of the CA file. */
class TrustStoresTest {

    @Test
    void anUnchangedCaFileIsReadOnceAndAnEditedOneAgain(@TempDir Path dir) throws Exception {
        Path ca = dir.resolve("ca.pem");
        Files.writeString(ca, TestPki.newCa("First Root").caPem());

        TrustStores first = TrustStores.load(Optional.of(ca));
        TrustStores again = TrustStores.load(Optional.of(ca));
        assertThat(again.managers()).containsExactlyElementsOf(first.managers());

        TestPki second = TestPki.newCa("Second Root");
        Files.writeString(ca, TestPki.newCa("First Root").caPem() + second.caPem());
        TrustStores edited = TrustStores.load(Optional.of(ca));

        assertThat(edited.managers().get(0)).as("the JDK's store").isSameAs(first.managers().get(0));
        assertThat(edited.managers().get(1)).isNotSameAs(first.managers().get(1));
        assertThat(edited.managers().get(1).getAcceptedIssuers()).hasSize(2);
    }

    @Test
    void aCaFileEditedIntoGarbageIsAClearErrorNotTheOldTrust(@TempDir Path dir) throws Exception {
        Path ca = dir.resolve("ca.pem");
        Files.writeString(ca, TestPki.newCa("Root").caPem());
        TrustStores.load(Optional.of(ca));

        Files.writeString(ca, "not a certificate at all, and longer than before so the size differs too........"
                + "............................................................................................."
                + ".............................................................................................");

        assertThatThrownBy(() -> TrustStores.load(Optional.of(ca)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(ca.toString());
    }
}
