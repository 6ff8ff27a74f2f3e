package dev.vantage.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The operator's directory of CA bundles ({@code probing.ca-dir}): the only files a target sent through the API may
 * name as {@code ca-file}, so an editor cannot make the service read any other file it can read. A name is a bare
 * file name or a path that stays inside the directory once normalised and once symbolic links are followed.
 */
public final class CaDirectory {

    /** How to turn the setting on, for messages that refuse a {@code ca-file} because it is off. */
    static final String HOW_TO_ENABLE = "targets sent through the API may only name a CA bundle in the directory "
            + "set by probing.ca-dir in the config file, and none is set: add probing: {ca-dir: /etc/vantage/ca} "
            + "and put the bundle there";

    private final Path dir;

    /** @param dir an existing directory (ConfigLoader checks it) */
    public CaDirectory(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    public Path path() {
        return dir;
    }

    /**
     * The bundle {@code name} denotes, as its real path (so a symbolic link swapped in later changes nothing), or an
     * exception whose message says what is wrong and never quotes the file.
     */
    public Path bundle(String name) {
        Path given;
        try {
            given = Path.of(name);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("\"" + name + "\" is not a file name");
        }
        Path inside = dir.resolve(given).normalize();
        if (!inside.startsWith(dir) || inside.equals(dir)) {
            throw new IllegalArgumentException("\"" + name + "\" is not a file inside probing.ca-dir (" + dir
                    + "): give a bundle's file name, e.g. internal-ca.pem");
        }
        Path real;
        Path realDir;
        try {
            realDir = dir.toRealPath();
            real = inside.toRealPath();
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("there is no file \"" + dir.relativize(inside) + "\" in probing.ca-dir ("
                    + dir + ")");
        } catch (IOException e) {
            throw new IllegalArgumentException("\"" + name + "\" in probing.ca-dir cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        }
        if (!real.startsWith(realDir)) {
            throw new IllegalArgumentException("\"" + name + "\" is a symbolic link leading out of probing.ca-dir ("
                    + dir + ")");
        }
        if (!Files.isRegularFile(real) || !Files.isReadable(real)) {
            throw new IllegalArgumentException("\"" + name + "\" in probing.ca-dir is not a readable file");
        }
        return real;
    }
}
