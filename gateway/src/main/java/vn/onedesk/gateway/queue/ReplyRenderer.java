package vn.onedesk.gateway.queue;

import vn.onedesk.engine.Rejection;
import vn.onedesk.protocol.ProtocolError;

/** Turns what the engine decided into the reply payload for one kind of request. */
public interface ReplyRenderer {
    byte[] accepted(Outcome outcome);

    byte[] rejected(Rejection rejection, String message);

    byte[] failed(ProtocolError error);
}
