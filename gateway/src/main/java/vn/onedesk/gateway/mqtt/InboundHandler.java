package vn.onedesk.gateway.mqtt;

import io.vertx.core.Future;
import java.util.Optional;
import vn.onedesk.gateway.devices.Device;
import vn.onedesk.protocol.ErrorCode;
import vn.onedesk.protocol.ProtocolError;

/** Handles the messages of one topic kind; completes with the error it answered, if any. */
public interface InboundHandler {
    Future<Optional<ErrorCode>> handle(InboundContext context);

    /**
     * Whether this handler's reply topic belongs to the device, so refusals can be answered there
     * (a kiosk that publishes on another kiosk's request topic hears back on its own response topic).
     */
    boolean repliesTo(Device device);

    /**
     * Answers a message that cannot be handled (forbidden, too large, a failure) on the device's own reply topic,
     * with the requestId and in the language the message names, when they can be read (else in Vietnamese).
     */
    void refuse(InboundContext context, ProtocolError error);
}
