package vn.onedesk.gateway.admin;

import vn.onedesk.protocol.ErrorCode;

/**
 * Why the administration refused a request, as the HTTP answer says it: status, stable code, the field at fault (if
 * one is), and the English detail. Thrown while a change is prepared, before anything is written.
 */
final class AdminFailure extends RuntimeException {
    final int status;
    final ErrorCode code;
    final String field;

    AdminFailure(int status, ErrorCode code, String field, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.field = field;
    }

    static AdminFailure invalid(String field, String detail) {
        return new AdminFailure(400, ErrorCode.INVALID_FIELD, field, detail);
    }

    static AdminFailure exists(String field, String detail) {
        return new AdminFailure(409, ErrorCode.ALREADY_EXISTS, field, detail);
    }

    static AdminFailure notFound(String detail) {
        return new AdminFailure(404, ErrorCode.NOT_FOUND, null, detail);
    }

    static AdminFailure unknownCentre(String centre) {
        return new AdminFailure(404, ErrorCode.UNKNOWN_CENTRE, null, "there is no centre '" + centre + "'");
    }

    static AdminFailure forbidden(String detail) {
        return new AdminFailure(403, ErrorCode.FORBIDDEN, null, detail);
    }
}
