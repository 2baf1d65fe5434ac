package vn.onedesk.gateway;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import vn.onedesk.gateway.admin.ConfigImport;
import vn.onedesk.gateway.config.ConfigException;
import vn.onedesk.gateway.config.ConfigFile;
import vn.onedesk.gateway.config.ConfigLoader;
import vn.onedesk.gateway.config.GatewayConfig;

/**
 * What SIGHUP does: operators send it to make a service read its configuration again, and it must never stop the
 * gateway (the JVM's default for SIGHUP is to exit). The file is read and checked again, then imported into the
 * running gateway with the administration API's rules ({@link ConfigImport}): what changed, and what was refused
 * (a counter still holding a citizen), is logged. A file that cannot be used changes nothing. The gateway settings
 * (ports, database) are not changed by a reload: a restart applies them.
 */
final class ConfigReload {
    private static final Logger LOG = Logger.getLogger("onedesk");

    private final Map<String, String> env;
    private final GatewayConfig started;
    private final OneDeskGateway gateway;

    ConfigReload(Map<String, String> env, GatewayConfig started, OneDeskGateway gateway) {
        this.env = Map.copyOf(env);
        this.started = started;
        this.gateway = gateway;
    }

    /** Reads and imports the configuration, and logs the outcome; blocking, never on an event loop. */
    String reload() {
        String outcome = outcome();
        LOG.info(outcome);
        return outcome;
    }

    private String outcome() {
        if (started.demo()) {
            return "SIGHUP: the gateway runs the built-in demo centre, which has no file to read again; it keeps running";
        }
        GatewayConfig reread;
        JsonArray staff;
        try {
            reread = ConfigLoader.load(env);
            JsonObject raw = ConfigFile.read(Path.of(env.get(ConfigLoader.ENV_CONFIG))).json();
            staff = raw == null ? new JsonArray() : raw.getJsonArray("staff", new JsonArray());
        } catch (ConfigException e) {
            return "SIGHUP: " + started.source() + " was read again and cannot be used, so nothing changes and the"
                    + " gateway keeps running as it was:\n  - " + String.join("\n  - ", e.problems());
        } catch (RuntimeException e) {
            return "SIGHUP: " + started.source() + " could not be read again (" + e.getMessage() + "); the gateway"
                    + " keeps running as it was";
        }
        ConfigImport.Outcome imported;
        try {
            imported = gateway.administration().imports().apply(reread, staff, "SIGHUP")
                    .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            return "SIGHUP: " + started.source() + " could not be imported (" + e.getMessage() + "); what was applied"
                    + " before the failure stays, the rest is as it was";
        }
        List<String> settings = new ArrayList<>();
        if (reread.mqttPort() != started.mqttPort() || reread.httpPort() != started.httpPort()
                || !reread.host().equals(started.host()) || !reread.pgUrl().equals(started.pgUrl())
                || !reread.tls().equals(started.tls())) {
            settings.add(" The gateway settings changed too (host, ports, TLS settings or database): a restart applies"
                    + " them (new certificate files at the same paths need none: they are reloaded by themselves).");
        }
        if (imported.changedNothing()) {
            return "SIGHUP: " + started.source() + " read again: no change" + String.join("", settings);
        }
        return "SIGHUP: " + started.source() + " read again and imported: "
                + (imported.changes().isEmpty() ? "nothing applied" : String.join("; ", imported.changes()))
                + (imported.refusals().isEmpty() ? "" : ". Refused: " + String.join("; ", imported.refusals()))
                + String.join("", settings);
    }
}
