package vn.onedesk.gateway.mqtt;

import io.vertx.core.Future;
import java.util.Optional;
import vn.onedesk.protocol.ErrorCode;
import vn.onedesk.protocol.Topic;

/**
 * In a cluster: messages for a centre that another node writes go to that node, and its replies come back here. The
 * device is answered (and its PUBACK sent) only once that node committed, as for a centre written here.
 */
public interface InboundForwarding {
    /** Whether this message's centre is written by another node. */
    boolean elsewhere(Topic topic);

    /** Has the centre's node handle the message; completes with the error it answered, if any. */
    Future<Optional<ErrorCode>> forward(InboundContext context, InboundHandler handler);
}
