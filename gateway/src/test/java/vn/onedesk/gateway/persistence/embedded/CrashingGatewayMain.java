package vn.onedesk.gateway.persistence.embedded;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;

/**
 * Run in a child JVM by {@link EmbeddedDatabaseTest}: plays a gateway that starts the embedded database,
 * acknowledges one ticket (a committed row), prints {@code READY <postmaster pid>} and then hangs until it
 * is SIGKILLed.
 *
 * <p>Arguments: data directory, ticket number.
 */
public final class CrashingGatewayMain {

    private CrashingGatewayMain() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedDatabase db = EmbeddedDatabase.start(Path.of(args[0]));
        try (Connection c = EmbeddedDatabase.connect(db.port(), db.database(), db.owner());
             Statement ddl = c.createStatement();
             PreparedStatement insert = c.prepareStatement("INSERT INTO tickets (number) VALUES (?)")) {
            ddl.execute("CREATE TABLE IF NOT EXISTS tickets (number text PRIMARY KEY)");
            insert.setString(1, args[1]);
            insert.executeUpdate();
            // The connection stays open: the dead JVM leaves a client behind, as a real gateway would.
            System.out.println("READY " + db.postmasterPid());
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
