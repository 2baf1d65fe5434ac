package vn.onedesk.gateway;

import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import vn.onedesk.gateway.config.ConfigChanges;
import vn.onedesk.gateway.config.ConfigException;
import vn.onedesk.gateway.config.ConfigLoader;
import vn.onedesk.gateway.config.GatewayConfig;

/**
 * What SIGHUP does: operators send it to make a service read its configuration again, and it must
 * never stop the gateway (the JVM's default for SIGHUP is to exit). The file is read and checked
 * again; what changed is logged. The file only seeds the database (the centres and devices it has not
 * held yet, at start); what runs is what the database holds, changed live through the administration API,
 * so the log says where to make the changes, and the running gateway carries on untouched.
 */
final class ConfigReload {
    private static final Logger LOG = Logger.getLogger("onedesk");

    private final Map<String, String> env;
    private final GatewayConfig running;

    ConfigReload(Map<String, String> env, GatewayConfig running) {
        this.env = Map.copyOf(env);
        this.running = running;
    }

    /** Reads the configuration again and logs the outcome; blocking (reads a file), never on an event loop. */
    String reload() {
        String outcome = outcome();
        LOG.info(outcome);
        return outcome;
    }

    private String outcome() {
        if (running.demo()) {
            return "SIGHUP: the gateway runs the built-in demo centre, which has no file to read again; it keeps running";
        }
        GatewayConfig reread;
        try {
            reread = ConfigLoader.load(env);
        } catch (ConfigException e) {
            return "SIGHUP: " + running.source() + " was read again and cannot be used, so nothing changes and the"
                    + " gateway keeps running as it was started:\n  - " + String.join("\n  - ", e.problems());
        } catch (RuntimeException e) {
            return "SIGHUP: " + running.source() + " could not be read again (" + e.getMessage() + "); the gateway"
                    + " keeps running as it was started";
        }
        List<String> changes = ConfigChanges.between(running, reread);
        if (changes.isEmpty()) {
            return "SIGHUP: " + running.source() + " read again: no change; the gateway keeps running";
        }
        return "SIGHUP: " + running.source() + " read again: " + String.join("; ", changes) + ". These changes are"
                + " not applied: the gateway runs what its database holds, which the file seeded at first start; make"
                + " them through /admin or the administration API (/api/v1/admin), which apply at once";
    }
}
