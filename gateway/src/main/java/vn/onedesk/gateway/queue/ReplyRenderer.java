package vn.onedesk.gateway.queue;

import vn.onedesk.engine.Rejection;
import vn.onedesk.protocol.ProtocolError;

/**
 * Turns what the engine decided into the reply payload for one request, errors included: an error's message is
 * in the language that request asked for, its detail in English.
 */
public interface ReplyRenderer {
    byte[] accepted(Outcome outcome);

    /** The engine refused the command; {@code detail} is its English explanation. */
    byte[] rejected(Rejection rejection, String detail);

    byte[] failed(ProtocolError error);
}
