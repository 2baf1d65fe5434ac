package vn.onedesk.loadtest.cli;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Keeps the libraries' logs out of the reports: the load tool counts failures itself. */
public final class Logs {
    /** Strong references: java.util.logging forgets the level of a logger nobody holds. */
    private static final List<Logger> QUIET = List.of(Logger.getLogger("io.vertx.mqtt"),
            Logger.getLogger("io.netty"), Logger.getLogger("io.vertx.core.impl"));

    private Logs() {
    }

    public static void quiet() {
        QUIET.forEach(l -> l.setLevel(Level.SEVERE));
        // the MQTT client logs every refused reconnect while a killed gateway restarts
        QUIET.get(0).setLevel(Level.OFF);
    }
}
