package vn.onedesk.gateway.queue;

import java.util.Objects;
import vn.onedesk.engine.Command;

/**
 * A command from a device, with what makes it idempotent: the device, its request id and a
 * fingerprint of the request's content (the same id with other content is refused).
 */
public record QueueRequest(String device, String requestId, String fingerprint, Command command,
                           ReplyRenderer renderer) {
    public QueueRequest {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(renderer, "renderer");
    }
}
