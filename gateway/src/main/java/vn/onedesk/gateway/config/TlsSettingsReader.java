package vn.onedesk.gateway.config;

import static vn.onedesk.gateway.config.ConfigLoader.ENV_ALLOW_PLAINTEXT;
import static vn.onedesk.gateway.config.ConfigLoader.ENV_MQTTS_PORT;
import static vn.onedesk.gateway.config.ConfigLoader.ENV_TLS_CERT;
import static vn.onedesk.gateway.config.ConfigLoader.ENV_TLS_CLIENT_CA;
import static vn.onedesk.gateway.config.ConfigLoader.ENV_TLS_CLIENT_CERT_ROLES;
import static vn.onedesk.gateway.config.ConfigLoader.ENV_TLS_KEY;
import static vn.onedesk.gateway.config.ConfigLoader.blankToNull;
import static vn.onedesk.gateway.config.ConfigLoader.port;
import static vn.onedesk.gateway.config.ConfigLoader.setting;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import vn.onedesk.gateway.devices.DeviceRole;

/**
 * Reads and checks {@link TlsSettings} for {@link ConfigLoader}: the environment, else the file's {@code gateway.tls},
 * {@code mqttsPort} and {@code allowPlaintext}.
 */
final class TlsSettingsReader {
    private TlsSettingsReader() {
    }

    /**
     * TLS and the plain listeners: the certificate, key and client CA are read and checked now, so that a missing,
     * unreadable, mismatched or expired file stops the start with its name. A real configuration without TLS needs
     * an explicit {@code allowPlaintext}: device passwords would otherwise cross the centre's network in clear.
     */
    static TlsSettings read(Map<String, String> env, JsonObject gateway, boolean demo, int mqttPort, int httpPort,
                            List<String> problems) {
        int before = problems.size();
        JsonObject section = gateway.getValue("tls") instanceof JsonObject t ? t : new JsonObject();
        if (gateway.getValue("tls") != null && !(gateway.getValue("tls") instanceof JsonObject)) {
            problems.add("gateway.tls: must be an object {\"cert\": \"/etc/onedesk/tls/server.pem\", \"key\": …}");
        }
        Optional<Path> cert = path(env, ENV_TLS_CERT, section, "cert");
        Optional<Path> key = path(env, ENV_TLS_KEY, section, "key");
        Optional<Path> clientCa = path(env, ENV_TLS_CLIENT_CA, section, "clientCa");
        Set<DeviceRole> roles = clientCertRoles(env, section, problems);
        int mqttsPort = port(problems, env, ENV_MQTTS_PORT, gateway, "mqttsPort", TlsSettings.DEFAULT_MQTTS_PORT);
        boolean allowPlaintext = flag(env, ENV_ALLOW_PLAINTEXT, gateway, "allowPlaintext", problems);
        TlsSettings tls = new TlsSettings(cert, key, clientCa, roles, mqttsPort, allowPlaintext);
        if (cert.isPresent() != key.isPresent()) {
            problems.add((cert.isPresent() ? ENV_TLS_KEY + " (or gateway.tls.key)" : ENV_TLS_CERT
                    + " (or gateway.tls.cert)") + ": TLS needs both the certificate and its private key (PEM files)");
        }
        if (clientCa.isPresent() && !tls.enabled()) {
            problems.add(ENV_TLS_CLIENT_CA + " (or gateway.tls.clientCa): client certificates need TLS: set "
                    + ENV_TLS_CERT + " and " + ENV_TLS_KEY + " too");
        }
        if (!roles.isEmpty() && clientCa.isEmpty()) {
            problems.add("gateway.tls.clientCertRoles: the roles " + roles + " must present a client certificate,"
                    + " but no CA to check it is given: set " + ENV_TLS_CLIENT_CA + " (or gateway.tls.clientCa)");
        }
        if (clientCa.isPresent() && roles.isEmpty()) {
            problems.add(ENV_TLS_CLIENT_CA + " (or gateway.tls.clientCa): name the device roles that must present a"
                    + " client certificate in gateway.tls.clientCertRoles (" + ENV_TLS_CLIENT_CERT_ROLES + "), e.g."
                    + " [\"KIOSK\", \"COUNTER\"]");
        }
        if (tls.enabled() && mqttsPort != 0 && (mqttsPort == mqttPort || mqttsPort == httpPort)) {
            problems.add(ENV_MQTTS_PORT + " (or gateway.mqttsPort): MQTT over TLS cannot share port " + mqttsPort
                    + " with " + (mqttsPort == mqttPort ? "plain MQTT" : "HTTP"));
        }
        if (tls.enabled() && problems.size() == before) {
            problems.addAll(TlsMaterial.read(tls, java.time.Instant.now()).problems());
        }
        if (!demo && !tls.enabled() && !allowPlaintext && cert.isEmpty() && key.isEmpty()) {
            problems.add("TLS is off: a real centre's devices would send their passwords over the network in clear."
                    + " Set " + ENV_TLS_CERT + " and " + ENV_TLS_KEY + " (or gateway.tls.cert and gateway.tls.key) to"
                    + " the PEM certificate and key of this gateway (README, \"TLS\"), or, on a network you trust"
                    + " only, set gateway.allowPlaintext: true (or " + ENV_ALLOW_PLAINTEXT + "=true) to run without"
                    + " it");
        }
        return tls;
    }

    private static Optional<Path> path(Map<String, String> env, String envName, JsonObject section, String key) {
        String raw = blankToNull(env.get(envName));
        if (raw == null && section.getValue(key) != null) {
            raw = blankToNull(String.valueOf(section.getValue(key)));
        }
        return raw == null ? Optional.empty() : Optional.of(Path.of(raw.trim()).toAbsolutePath().normalize());
    }

    /** The roles that must present a client certificate: from the variable (commas or spaces) or the file's list. */
    private static Set<DeviceRole> clientCertRoles(Map<String, String> env, JsonObject section,
                                                   List<String> problems) {
        String where = "gateway.tls.clientCertRoles (or " + ENV_TLS_CLIENT_CERT_ROLES + ")";
        List<String> raw = new ArrayList<>();
        String fromEnv = blankToNull(env.get(ENV_TLS_CLIENT_CERT_ROLES));
        Object fromFile = section.getValue("clientCertRoles");
        if (fromEnv != null) {
            raw.addAll(List.of(fromEnv.trim().split("[,\\s]+")));
        } else if (fromFile instanceof io.vertx.core.json.JsonArray list) {
            list.forEach(o -> raw.add(String.valueOf(o)));
        } else if (fromFile != null) {
            problems.add(where + ": must be a list of device roles, e.g. [\"KIOSK\", \"COUNTER\"], got " + fromFile);
        }
        Set<DeviceRole> roles = java.util.EnumSet.noneOf(DeviceRole.class);
        for (String name : raw) {
            try {
                roles.add(DeviceRole.valueOf(name.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                problems.add(where + ": '" + name + "' is not a device role; the roles are "
                        + List.of(DeviceRole.values()));
            }
        }
        return roles;
    }

    private static boolean flag(Map<String, String> env, String envName, JsonObject gateway, String key,
                                List<String> problems) {
        String raw = setting(env, envName, gateway, key, "false").trim().toLowerCase(Locale.ROOT);
        return switch (raw) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                problems.add(envName + " (or gateway." + key + "): must be true or false, got '" + raw + "'");
                yield false;
            }
        };
    }
}
