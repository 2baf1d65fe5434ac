package vn.onedesk.gateway.persistence.embedded;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The passwords of the embedded PostgreSQL's three roles, generated once and kept in
 * {@value #FILE_NAME} inside the data directory, readable by the gateway's own account only (0600, in a
 * directory PostgreSQL itself keeps at 0700).
 *
 * <ul>
 *   <li>{@code postgres}, the superuser: used only by the gateway's own set-up at start (roles, ownership,
 *       grants) and by an operator who needs it;</li>
 *   <li>{@value EmbeddedDatabase#OWNER}: owns the {@code onedesk} database and its schema; migrations run as it;</li>
 *   <li>{@value EmbeddedDatabase#APPLICATION}: the gateway's pool; reads and writes rows, nothing more.</li>
 * </ul>
 * Each password is 256 bits from {@link SecureRandom}, URL-safe base64 (43 characters of {@code A–Z a–z 0–9 - _}),
 * so it can be put in a URL or an SQL literal as it is.
 */
public record EmbeddedCredentials(String superuser, String owner, String application) {
    /** The file in the PostgreSQL data directory. */
    public static final String FILE_NAME = "onedesk-passwords.properties";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final SecureRandom RANDOM = new SecureRandom();

    public EmbeddedCredentials {
        for (String p : new String[] {superuser, owner, application}) {
            if (p == null || !p.matches("[A-Za-z0-9_-]{20,}")) {
                throw new IllegalArgumentException("an embedded database password must be 20 or more URL-safe"
                        + " characters");
            }
        }
    }

    static EmbeddedCredentials generate() {
        return new EmbeddedCredentials(randomPassword(), randomPassword(), randomPassword());
    }

    private static String randomPassword() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The credentials kept in {@code pgDataDir}, if there are any. Blocking. */
    public static Optional<EmbeddedCredentials> read(Path pgDataDir) throws IOException {
        Path file = pgDataDir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        try {
            return Optional.of(new EmbeddedCredentials(p.getProperty(EmbeddedDatabase.SUPERUSER),
                    p.getProperty(EmbeddedDatabase.OWNER), p.getProperty(EmbeddedDatabase.APPLICATION)));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " is damaged: " + e.getMessage(), e);
        }
    }

    /**
     * Writes the file with mode 0600 from its first byte (a temporary file created with that mode, then moved into
     * place), so that no other account can ever read a half-written copy. Blocking.
     */
    void write(Path pgDataDir) throws IOException {
        Path file = pgDataDir.resolve(FILE_NAME);
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        Path temp = posix
                ? Files.createTempFile(pgDataDir, ".onedesk-passwords", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                : Files.createTempFile(pgDataDir, ".onedesk-passwords", ".tmp");
        try {
            try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                out.write("# OneDesk's embedded PostgreSQL: the passwords of its roles, generated at its creation.\n");
                out.write("# Keep this file private (mode 0600). psql: PGPASSWORD=<onedesk_owner's> psql -h 127.0.0.1"
                        + " -p <port> -U onedesk_owner onedesk\n");
                out.write(EmbeddedDatabase.SUPERUSER + "=" + superuser + "\n");
                out.write(EmbeddedDatabase.OWNER + "=" + owner + "\n");
                out.write(EmbeddedDatabase.APPLICATION + "=" + application + "\n");
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        restrict(file);
    }

    /** Mode 0600 (on a POSIX file system), whatever the file had. */
    static void restrict(Path file) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
    }

    /** Never the passwords. */
    @Override
    public String toString() {
        return "EmbeddedCredentials[3 passwords]";
    }
}
