package vn.onedesk.gateway.mqtt;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.mqtt.messages.codes.MqttPubAckReasonCode;
import io.vertx.mqtt.messages.codes.MqttSubAckReasonCode;
import java.util.Optional;
import vn.onedesk.protocol.ErrorCode;

/**
 * The one place that turns OneDesk outcomes into MQTT reason codes. Application outcomes (no ticket
 * waiting, unknown service...) travel in the reply payload and are acknowledged as SUCCESS: the
 * gateway did receive and answer them. Only transport-level refusals get an MQTT 5 error code.
 */
public final class ReasonCodes {
    private ReasonCodes() {
    }

    public static MqttPubAckReasonCode pubAck(Optional<ErrorCode> error) {
        if (error.isEmpty()) {
            return MqttPubAckReasonCode.SUCCESS;
        }
        return switch (error.get()) {
            case NOT_AUTHORISED -> MqttPubAckReasonCode.NOT_AUTHORIZED;
            case UNKNOWN_TOPIC -> MqttPubAckReasonCode.TOPIC_NAME_INVALID;
            case MALFORMED, UNKNOWN_COMMAND -> MqttPubAckReasonCode.PAYLOAD_FORMAT_INVALID;
            case PAYLOAD_TOO_LARGE -> MqttPubAckReasonCode.QUOTA_EXCEEDED;
            case UNAVAILABLE, INTERNAL -> MqttPubAckReasonCode.UNSPECIFIED_ERROR;
            default -> MqttPubAckReasonCode.SUCCESS;
        };
    }

    public static MqttSubAckReasonCode subAck(boolean allowed, MqttQoS granted, boolean mqtt5) {
        if (allowed) {
            return MqttSubAckReasonCode.qosGranted(granted);
        }
        // MQTT 3.1.1 knows only 0x80 for a refused subscription.
        return mqtt5 ? MqttSubAckReasonCode.NOT_AUTHORIZED : MqttSubAckReasonCode.UNSPECIFIED_ERROR;
    }

    /** Why a CONNECT is refused, in the code its protocol version understands. */
    public enum Refusal {
        BAD_CREDENTIALS,
        SERVER_UNAVAILABLE,
        /** The client id is another device's. */
        CLIENT_ID_TAKEN,
        /** Too many failed logins of this device id or from this address; no password was checked. */
        THROTTLED,
        /** Every password-check thread is busy and the queue full; no password was checked. */
        BUSY,
        /** The device's role must present a client certificate over TLS, and this connection did not. */
        NO_CLIENT_CERTIFICATE
    }

    public static MqttConnectReturnCode connAck(Refusal refusal, boolean mqtt5) {
        return switch (refusal) {
            case BAD_CREDENTIALS -> mqtt5
                    ? MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD
                    : MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD;
            case SERVER_UNAVAILABLE -> mqtt5
                    ? MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE_5
                    : MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE;
            case CLIENT_ID_TAKEN -> mqtt5
                    ? MqttConnectReturnCode.CONNECTION_REFUSED_CLIENT_IDENTIFIER_NOT_VALID
                    : MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED;
            // MQTT 5 has a code that says what happened, and tells a device to wait rather than to doubt its
            // password; MQTT 3.1.1 has none, and "not authorized" (5) is the refusal that is not "bad user name or
            // password" (4), so a device's log still tells a lock from a wrong password.
            case THROTTLED -> mqtt5
                    ? MqttConnectReturnCode.CONNECTION_REFUSED_CONNECTION_RATE_EXCEEDED
                    : MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED;
            // "Server busy" (0x89) is MQTT 5's word for it; 3.1.1 has only "server unavailable" (3). Both ask the
            // client to try again later, and neither says anything about its password.
            case BUSY -> mqtt5
                    ? MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_BUSY
                    : MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE;
            case NO_CLIENT_CERTIFICATE -> mqtt5
                    ? MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED_5
                    : MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED;
        };
    }
}
