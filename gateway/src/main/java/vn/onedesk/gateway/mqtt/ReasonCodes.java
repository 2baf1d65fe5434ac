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
            case NO_CLIENT_CERTIFICATE -> mqtt5
                    ? MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED_5
                    : MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED;
        };
    }
}
