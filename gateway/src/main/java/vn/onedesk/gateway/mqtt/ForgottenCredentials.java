package vn.onedesk.gateway.mqtt;

import io.vertx.mqtt.MqttEndpoint;
import java.lang.reflect.Field;
import java.util.logging.Logger;

/**
 * Drops the user name and password a connection's CONNECT carried once they were read for the login: vertx-mqtt's
 * endpoint otherwise keeps them (an {@code MqttAuth} and its two strings, about 130 bytes per idle connection, and
 * the device's password in clear in the heap for as long as the device stays connected). Nothing reads them after
 * the login; the device is known by its {@code Device} from then on.
 *
 * <p>vertx-mqtt 5.0.8 has no way to do this but reflection on its endpoint, as {@link MqttListener} already reaches
 * its socket; without it (another vertx-mqtt) the credentials simply stay, and {@code IdleConnectionFootprintTest}
 * fails.
 */
final class ForgottenCredentials {
    private static final Logger LOG = Logger.getLogger(ForgottenCredentials.class.getName());
    private static final Field AUTH = authField();

    private ForgottenCredentials() {
    }

    /** After the CONNECT's credentials were read: {@code endpoint.auth()} is null from now on. */
    static void forget(MqttEndpoint endpoint) {
        if (AUTH != null && AUTH.getDeclaringClass().isInstance(endpoint)) {
            try {
                AUTH.set(endpoint, null);
            } catch (ReflectiveOperationException | RuntimeException e) {
                // they stay: a few bytes, and nothing reads them
            }
        }
    }

    private static Field authField() {
        try {
            Field field = Class.forName("io.vertx.mqtt.impl.MqttEndpointImpl").getDeclaredField("auth");
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warning("vertx-mqtt's endpoint credentials are not reachable (" + e + "): each connection keeps the"
                    + " user name and password of its CONNECT");
            return null;
        }
    }
}
