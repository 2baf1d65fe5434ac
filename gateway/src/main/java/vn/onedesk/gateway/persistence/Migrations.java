package vn.onedesk.gateway.persistence;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Versioned schema migrations from {@code db/migration/} (listed in its index.txt, because a jar
 * cannot be listed reliably). Each runs once, in its own transaction, under an advisory lock so
 * that two nodes starting together do not race.
 */
public final class Migrations {
    private static final Logger LOG = Logger.getLogger(Migrations.class.getName());
    private static final String DIR = "/db/migration/";
    private static final Pattern NAME = Pattern.compile("V(\\d+)__([a-z0-9_]+)\\.sql");
    private static final long LOCK_KEY = 0x0_0D35_C000_0001L;

    public record Migration(int version, String name, String sql) {
    }

    /** Read once, when the class loads (at startup, off any event loop), never on a request path. */
    private static final List<Migration> BUNDLED = load();

    private Migrations() {
    }

    public static List<Migration> bundled() {
        return BUNDLED;
    }

    private static List<Migration> load() {
        List<Migration> all = new ArrayList<>();
        for (String file : resource("index.txt").lines().map(String::trim).filter(l -> !l.isEmpty()).toList()) {
            Matcher m = NAME.matcher(file);
            if (!m.matches()) {
                throw new IllegalStateException("migration file name must be V<n>__<name>.sql: " + file);
            }
            all.add(new Migration(Integer.parseInt(m.group(1)), m.group(2), resource(file)));
        }
        return List.copyOf(all);
    }

    /** Applies what is missing; succeeds with the versions now present. */
    public static Future<Set<Integer>> apply(Pool pool) {
        List<Migration> migrations = bundled();
        return pool.withConnection(conn -> conn.query("SELECT pg_advisory_lock(" + LOCK_KEY + ")").execute()
                // Asked first rather than CREATE ... IF NOT EXISTS, whose "already exists" notice the client
                // logs as a warning on every start; the advisory lock makes the check and the create one step.
                .compose(v -> conn.query("SELECT to_regclass('schema_migrations') IS NOT NULL").execute())
                .compose(exists -> exists.iterator().next().getBoolean(0) ? Future.<Void>succeededFuture()
                        : conn.query("CREATE TABLE schema_migrations (version integer PRIMARY KEY,"
                                + " name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())").execute()
                                .mapEmpty())
                .compose(v -> conn.query("SELECT version FROM schema_migrations").execute())
                .compose(rows -> {
                    Set<Integer> applied = new java.util.HashSet<>();
                    rows.forEach(r -> applied.add(r.getInteger(0)));
                    Future<Void> chain = Future.succeededFuture();
                    for (Migration m : migrations) {
                        if (!applied.contains(m.version())) {
                            chain = chain.compose(v -> applyOne(conn, m)).map(v -> {
                                applied.add(m.version());
                                return null;
                            });
                        }
                    }
                    return chain.map(v -> applied);
                })
                .eventually(() -> conn.query("SELECT pg_advisory_unlock(" + LOCK_KEY + ")").execute()));
    }

    private static Future<Void> applyOne(SqlConnection conn, Migration m) {
        return conn.begin().compose(tx -> conn.query(m.sql()).execute()
                .compose(v -> conn.preparedQuery("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)")
                        .execute(Tuple.of(m.version(), m.name())))
                .compose(v -> tx.commit())
                .onFailure(e -> tx.rollback())
                .onSuccess(v -> LOG.info("applied migration V" + m.version() + " " + m.name())))
                .mapEmpty();
    }

    /** The highest version this build knows; readiness requires the database to have it. */
    public static int latestVersion() {
        return bundled().stream().mapToInt(Migration::version).max().orElse(0);
    }

    private static String resource(String file) {
        try (InputStream in = Migrations.class.getResourceAsStream(DIR + file)) {
            if (in == null) {
                throw new IllegalStateException("missing migration resource " + DIR + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String describe(Set<Integer> versions) {
        return versions.stream().sorted().map(v -> "V" + v).collect(Collectors.joining(", "));
    }
}
