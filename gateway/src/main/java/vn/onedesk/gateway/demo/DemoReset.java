package vn.onedesk.gateway.demo;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.logging.Logger;
import vn.onedesk.gateway.config.ConfigLoader;
import vn.onedesk.gateway.config.GatewayConfig;
import vn.onedesk.gateway.persistence.embedded.EmbeddedDatabase;

/**
 * {@code java -jar onedesk-gateway.jar --reset-demo}: the demo starts from an empty queue. The demo's
 * embedded PostgreSQL data ({@code <data dir>/pg}, {@code ./data/pg} by default) is deleted before the
 * gateway starts, and the gateway makes a new, empty database there. Only the built-in demo on its own
 * embedded database is ever reset: with {@code ONEDESK_CONFIG} or {@code ONEDESK_PG_URL} set, the data
 * may be a real centre's, and the flag is refused.
 */
public final class DemoReset {
    /** The command-line flag. */
    public static final String FLAG = "--reset-demo";
    /** The exit code of a refusal: the flag cannot be used with this configuration (EX_USAGE). */
    public static final int REFUSED = 64;
    /** The exit code when the data could not be deleted (for instance, another gateway runs on it). */
    public static final int FAILED = 1;

    private static final Logger LOG = Logger.getLogger("onedesk.demo");

    private DemoReset() {
    }

    /**
     * Deletes the demo's embedded database, or refuses to. Blocking: call it before the gateway starts.
     *
     * @param err where a refusal or failure is explained
     * @return 0 when the demo may start from an empty queue; otherwise the process's exit code, after the
     *         reason has been written to {@code err}
     */
    public static int run(GatewayConfig config, PrintStream err) {
        if (!config.demo()) {
            err.println(FLAG + " is refused: " + ConfigLoader.ENV_CONFIG + " is set (" + config.source() + ")."
                    + " The flag deletes the data of the built-in demo only, never a configured centre's."
                    + " Start without " + FLAG + ".");
            return REFUSED;
        }
        if (config.pgUrl().isPresent()) {
            err.println(FLAG + " is refused: " + ConfigLoader.ENV_PG_URL + " is set. The flag deletes only the"
                    + " demo's own embedded database, never an external PostgreSQL. Start without " + FLAG
                    + ", or unset " + ConfigLoader.ENV_PG_URL + " to use the embedded demo database.");
            return REFUSED;
        }
        Path pg = config.dataDir().resolve("pg");
        try {
            boolean deleted = EmbeddedDatabase.deleteData(pg);
            LOG.info(deleted ? "demo reset: deleted the demo's database in " + pg + "; the demo starts from an empty queue"
                    : "demo reset: there is no demo database in " + pg + " yet; the demo starts from an empty queue");
            return 0;
        } catch (IllegalStateException e) {
            err.println(FLAG + " failed: " + e.getMessage());
            return FAILED;
        }
    }
}
