package vn.onedesk.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the browser tests put their screenshots: always {@code gateway/target/screenshots/}, and also
 * the directory named by {@code -Donedesk.screenshots.dir} (e.g. {@code docs/screenshots}, relative to
 * the repository root) so that {@code scripts/screenshots.sh} can regenerate the documented ones.
 */
public final class Screenshots {
    public static final String PROPERTY = "onedesk.screenshots.dir";

    private Screenshots() {
    }

    /** Saves under {@code target/screenshots/} only: evidence of a test, or of a failure. */
    public static Path save(String name, byte[] png) {
        return write(Path.of("target", "screenshots").toAbsolutePath(), file(name), png);
    }

    /** Saves a screenshot that documents a page: under {@code target/screenshots/} and the extra directory. */
    public static Path document(String name, byte[] png) {
        Path target = save(name, png);
        extraDirectory().ifPresent(dir -> write(dir, file(name), png));
        return target;
    }

    private static String file(String name) {
        return name.endsWith(".png") ? name : name + ".png";
    }

    /** The extra directory, resolved against the repository root when relative. */
    public static Optional<Path> extraDirectory() {
        String configured = System.getProperty(PROPERTY, "").trim();
        if (configured.isEmpty()) {
            return Optional.empty();
        }
        Path dir = Path.of(configured);
        return Optional.of(dir.isAbsolute() ? dir : repositoryRoot().resolve(dir).normalize());
    }

    /** Surefire runs in the module directory; the root is the nearest ancestor with the gateway module in it. */
    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("gateway"))) {
                return p;
            }
        }
        return dir;
    }

    private static Path write(Path dir, String file, byte[] png) {
        try {
            Files.createDirectories(dir);
            return Files.write(dir.resolve(file), png);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save screenshot " + file + " in " + dir, e);
        }
    }
}
