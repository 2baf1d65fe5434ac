package vn.onedesk.gateway.queue;

import vn.onedesk.engine.Rejection;
import vn.onedesk.protocol.ErrorCode;
import vn.onedesk.protocol.ProtocolError;

/** The one mapping from the engine's refusals to the protocol's error codes. */
public final class Rejections {
    private Rejections() {
    }

    public static ErrorCode code(Rejection rejection) {
        return switch (rejection) {
            case UNKNOWN_SERVICE -> ErrorCode.UNKNOWN_SERVICE;
            case SERVICE_CLOSED -> ErrorCode.SERVICE_CLOSED;
            case UNKNOWN_COUNTER -> ErrorCode.UNKNOWN_COUNTER;
            case COUNTER_CLOSED -> ErrorCode.COUNTER_CLOSED;
            case NO_TICKET_WAITING -> ErrorCode.NO_TICKET_WAITING;
            case INVALID_STATE -> ErrorCode.INVALID_STATE;
            case OFFICER_BUSY -> ErrorCode.OFFICER_BUSY;
            case COUNTER_BUSY -> ErrorCode.COUNTER_BUSY;
            case SERVICE_IN_USE -> ErrorCode.SERVICE_IN_USE;
            case UNKNOWN_TICKET -> ErrorCode.UNKNOWN_TICKET;
            case NOT_PARKED -> ErrorCode.NOT_PARKED;
            case NOT_WAITING -> ErrorCode.TICKET_NOT_WAITING;
            case NOT_SERVED_HERE -> ErrorCode.TICKET_NOT_SERVED_HERE;
            case NOT_RATEABLE -> ErrorCode.NOT_RATEABLE;
            case ALREADY_RATED -> ErrorCode.ALREADY_RATED;
            case RATING_CLOSED -> ErrorCode.RATING_CLOSED;
            case RECALL_LIMIT -> ErrorCode.RECALL_LIMIT;
            case NOT_A_NO_SHOW -> ErrorCode.NOT_A_NO_SHOW;
            case REQUEUE_EXPIRED -> ErrorCode.REQUEUE_EXPIRED;
            case REQUEUE_LIMIT -> ErrorCode.REQUEUE_LIMIT;
            case COUNTER_CANNOT_SERVE -> ErrorCode.COUNTER_CANNOT_SERVE;
            case REMOTE_LIMIT -> ErrorCode.REMOTE_LIMIT;
            case UNKNOWN_REMOTE_TICKET -> ErrorCode.UNKNOWN_REMOTE_TICKET;
        };
    }

    /** The refusal as an error: its code, with the engine's precise English explanation as the detail. */
    public static ProtocolError error(Rejection rejection, String detail) {
        return ProtocolError.of(code(rejection), detail);
    }
}
