package dev.vantage.config;

import dev.vantage.fixtures.TestPki;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A ca-file sent through the API names a bundle inside probing.ca-dir, and nothing else the service can read. */
class CaDirectoryTest {

    @TempDir
    Path root;
    Path dir;
    CaDirectory cas;

    @BeforeEach
    void setUp() throws Exception {
        dir = Files.createDirectories(root.resolve("ca"));
        TestPki.newCa("Internal CA").writeCaPem(dir.resolve("internal.pem"));
        Files.createDirectories(dir.resolve("team"));
        TestPki.newCa("Team CA").writeCaPem(dir.resolve("team/team.pem"));
        Files.writeString(root.resolve("secret.txt"), "not-a-ca-but-a-secret\n");
        cas = new CaDirectory(dir);
    }

    @Test
    void aBareNameOrAPathThatStaysInsideIsTheBundle() throws Exception {
        assertThat(cas.bundle("internal.pem")).isEqualTo(dir.resolve("internal.pem").toRealPath());
        assertThat(cas.bundle("team/team.pem")).isEqualTo(dir.resolve("team/team.pem").toRealPath());
        assertThat(cas.bundle("team/../internal.pem")).isEqualTo(dir.resolve("internal.pem").toRealPath());
        assertThat(cas.bundle(dir.resolve("internal.pem").toString())).as("absolute, inside")
                .isEqualTo(dir.resolve("internal.pem").toRealPath());
    }

    @Test
    void dotDotAndAbsolutePathsOutsideAreRefused() {
        assertThatThrownBy(() -> cas.bundle("../secret.txt")).hasMessageContaining("is not a file inside probing.ca-dir");
        assertThatThrownBy(() -> cas.bundle(root.resolve("secret.txt").toString()))
                .hasMessageContaining("is not a file inside probing.ca-dir");
        assertThatThrownBy(() -> cas.bundle("/proc/self/environ")).hasMessageContaining("not a file inside");
        assertThatThrownBy(() -> cas.bundle(".")).hasMessageContaining("not a file inside");
    }

    @Test
    void aSymbolicLinkLeadingOutIsRefused() throws Exception {
        Files.createSymbolicLink(dir.resolve("escape.pem"), root.resolve("secret.txt"));
        Files.createSymbolicLink(dir.resolve("up"), root);
        assertThatThrownBy(() -> cas.bundle("escape.pem")).hasMessageContaining("symbolic link leading out");
        assertThatThrownBy(() -> cas.bundle("up/secret.txt")).hasMessageContaining("symbolic link leading out");
    }

    @Test
    void aMissingFileOrADirectoryIsNamed() {
        assertThatThrownBy(() -> cas.bundle("absent.pem")).hasMessageContaining("there is no file \"absent.pem\"");
        assertThatThrownBy(() -> cas.bundle("team")).hasMessageContaining("not a readable file");
    }
}
