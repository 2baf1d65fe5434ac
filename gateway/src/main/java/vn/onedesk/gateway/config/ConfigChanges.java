package vn.onedesk.gateway.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.gateway.devices.Device;
import vn.onedesk.gateway.devices.PasswordHash;

/**
 * What differs between the configuration the gateway runs and the file read again (on SIGHUP), in
 * words an operator reads in the log: "centre hcc-tinh changed", "device kiosk-3 added".
 */
public final class ConfigChanges {
    private ConfigChanges() {
    }

    public static List<String> between(GatewayConfig running, GatewayConfig reread) {
        List<String> changes = new ArrayList<>();
        setting(changes, "host", running.host(), reread.host());
        setting(changes, "mqttPort", running.mqttPort(), reread.mqttPort());
        setting(changes, "httpPort", running.httpPort(), reread.httpPort());
        setting(changes, "dataDir", running.dataDir(), reread.dataDir());
        if (!running.pgUrl().equals(reread.pgUrl())) {
            changes.add("gateway.pgUrl changed"); // never printed: it may hold a password
        }
        if (!running.metricsToken().equals(reread.metricsToken())) {
            changes.add("gateway.metricsToken changed"); // never printed: it is a secret
        }
        setting(changes, "routingPolicy", running.routingPolicy(), reread.routingPolicy());
        setting(changes, "waitEstimator", running.waitEstimator(), reread.waitEstimator());
        compare(changes, "centre", index(running.centres(), CentreDefinition::id),
                index(reread.centres(), CentreDefinition::id), Objects::equals);
        compare(changes, "device", index(running.devices(), Device::id), index(reread.devices(), Device::id),
                ConfigChanges::sameDevice);
        return changes;
    }

    private static void setting(List<String> changes, String key, Object was, Object now) {
        if (!Objects.equals(was, now)) {
            changes.add("gateway." + key + " changed from " + was + " to " + now);
        }
    }

    private static <T> Map<String, T> index(List<T> items, Function<T, String> id) {
        Map<String, T> byId = new LinkedHashMap<>();
        items.forEach(item -> byId.put(id.apply(item), item));
        return byId;
    }

    private interface Same<T> {
        boolean test(T a, T b);
    }

    private static <T> void compare(List<String> changes, String what, Map<String, T> was, Map<String, T> now,
                                    Same<T> same) {
        now.forEach((id, item) -> {
            if (!was.containsKey(id)) {
                changes.add(what + " " + id + " added");
            } else if (!same.test(was.get(id), item)) {
                changes.add(what + " " + id + " changed");
            }
        });
        was.keySet().stream().filter(id -> !now.containsKey(id)).forEach(id -> changes.add(what + " " + id + " removed"));
    }

    private static boolean sameDevice(Device a, Device b) {
        return a.centre().equals(b.centre()) && a.role() == b.role() && Objects.equals(a.counter(), b.counter())
                && secret(a.password()).equals(secret(b.password()));
    }

    private static String secret(PasswordHash hash) {
        if (hash instanceof PasswordHash.Pbkdf2 p) {
            return p.encoded();
        }
        return ((PasswordHash.DemoPlainText) hash).password();
    }
}
