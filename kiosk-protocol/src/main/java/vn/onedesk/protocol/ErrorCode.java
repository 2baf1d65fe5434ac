package vn.onedesk.protocol;

/**
 * Every error a device, or a client of the gateway's HTTP API, can receive, defined once. The names
 * are the stable wire values: devices switch on them, so existing names are never renamed or reused.
 * Each code has its fixed text in English and in Vietnamese: the {@code message} of an error on the wire,
 * in the language the request asked for (see {@link ProtocolError#view}).
 */
public enum ErrorCode {
    MALFORMED("The message is not valid JSON or does not match the schema.",
            "Dữ liệu gửi lên không hợp lệ."),
    PAYLOAD_TOO_LARGE("The message is larger than the gateway accepts.",
            "Dữ liệu gửi lên quá lớn."),
    UNKNOWN_TOPIC("Nothing is published or accepted on this topic.",
            "Chủ đề không tồn tại."),
    UNKNOWN_SERVICE("The centre has no such service.",
            "Không có lĩnh vực này tại trung tâm."),
    SERVICE_CLOSED("The service is not taking tickets now.",
            "Lĩnh vực này hiện không cấp số; vui lòng quay lại trong giờ làm việc."),
    UNKNOWN_CENTRE("The gateway runs no such centre.",
            "Không có trung tâm này."),
    NOT_AUTHORISED("This device may not do that.",
            "Thiết bị không được phép thực hiện thao tác này."),
    UNKNOWN_COUNTER("The centre has no such counter.",
            "Không có quầy này."),
    UNKNOWN_TICKET("The centre has no such ticket.",
            "Không tìm thấy số thứ tự này."),
    UNKNOWN_COMMAND("The command is not one the counter understands.",
            "Lệnh không hợp lệ."),
    COUNTER_CLOSED("The counter is closed; open it first.",
            "Quầy đang đóng; hãy mở quầy trước."),
    NO_TICKET_WAITING("No waiting ticket can be served at this counter.",
            "Không có công dân nào đang chờ tại quầy này."),
    INVALID_STATE("The command does not fit the counter's or the ticket's current state.",
            "Thao tác không phù hợp với trạng thái hiện tại."),
    DUPLICATE_REQUEST("This requestId was already used for a different request.",
            "Mã yêu cầu đã được dùng cho một yêu cầu khác."),
    UNAVAILABLE("The gateway cannot store the request right now; retry with the same requestId.",
            "Hệ thống tạm thời gián đoạn; vui lòng thử lại."),
    INTERNAL("The gateway failed unexpectedly; retry with the same requestId.",
            "Hệ thống gặp lỗi; vui lòng thử lại."),
    // Only the HTTP API answers this (a bad query parameter); a device's bad message is MALFORMED.
    INVALID_REQUEST("A parameter of the HTTP request is not valid, such as a report date that is not YYYY-MM-DD.",
            "Yêu cầu có tham số không hợp lệ; vui lòng kiểm tra lại."),
    NOT_FOUND("There is no such page or resource.",
            "Không tìm thấy trang hoặc tài nguyên này."),
    // Only the HTTP API answers this: a report over more days than one request may cover (a well-formed request,
    // so not INVALID_REQUEST: a client can split the period and ask again).
    RANGE_TOO_LONG("The report's period is longer than one request may cover; ask for it in shorter parts.",
            "Khoảng thời gian báo cáo quá dài; vui lòng chia thành các khoảng ngắn hơn."),
    // Only the HTTP API answers these three: staff log in over HTTP, devices over MQTT (NOT_AUTHORISED).
    UNAUTHENTICATED("Not logged in: the login was refused, or the session has ended; log in again.",
            "Chưa đăng nhập: đăng nhập không thành công hoặc phiên làm việc đã hết hạn; vui lòng đăng nhập lại."),
    FORBIDDEN("Your account may not do this: its role or centre does not allow it.",
            "Tài khoản của bạn không có quyền thực hiện thao tác này."),
    TOO_MANY_ATTEMPTS("Too many failed logins; wait as long as Retry-After says, then try again.",
            "Đăng nhập sai quá nhiều lần; vui lòng chờ một lúc rồi thử lại."),
    // A counter's OPEN that names an officer (a wrong officer or PIN is NOT_AUTHORISED, whichever was wrong).
    OFFICER_BUSY("The officer is already working at another counter; close that counter first.",
            "Cán bộ đang làm việc tại một quầy khác; hãy đóng quầy đó trước."),
    WRONG_OPERATOR("The officer belongs to another operator than the counter's and may not open it.",
            "Cán bộ thuộc đơn vị khác với đơn vị của quầy nên không được mở quầy này."),
    COUNTER_BUSY("The counter holds a citizen's ticket; finish or transfer it before removing or changing the counter.",
            "Quầy đang phục vụ một công dân; hãy hoàn thành hoặc chuyển số trước khi xoá hay đổi quầy."),
    SERVICE_IN_USE("The service still has tickets waiting or at a counter; serve or transfer them before removing it.",
            "Lĩnh vực vẫn còn số đang chờ hoặc đang phục vụ; hãy phục vụ hoặc chuyển hết trước khi xoá."),
    CENTRE_IN_USE("The centre still has tickets waiting or counters open; it can be removed once its hall is empty.",
            "Trung tâm vẫn còn số đang chờ hoặc quầy đang mở; chỉ xoá được khi không còn ai trong sảnh."),
    INVALID_FIELD("A field of the request is missing or not valid; 'field' names it.",
            "Một trường dữ liệu bị thiếu hoặc không hợp lệ; xem trường được nêu."),
    ALREADY_EXISTS("Something with this id, number or prefix already exists.",
            "Mã, số hoặc ký hiệu này đã được dùng."),
    // Only the HTTP API answers this: a live stream over the cap of one address (429) or of the gateway (503).
    TOO_MANY_STREAMS("Too many live streams are open, from this address or in all; wait as long as Retry-After says,"
            + " then try again.",
            "Đang có quá nhiều kết nối theo dõi trực tiếp; vui lòng thử lại sau ít phút."),
    // A counter's CALL_PARKED (the number is known but the ticket is not parked).
    NOT_PARKED("The ticket is not parked; only a parked ticket can be called back.",
            "Số này không ở trạng thái tạm gác nên không thể gọi lại."),
    // A counter's CALL_NUMBER (the number is known but the ticket is not waiting in line).
    TICKET_NOT_WAITING("The ticket is not waiting in line; only a waiting ticket can be called by its number.",
            "Số này không còn đang chờ nên không thể gọi theo số."),
    // A counter's CALL_PARKED or CALL_NUMBER for a ticket of a service the counter does not serve.
    TICKET_NOT_SERVED_HERE("This counter does not serve the ticket's service.",
            "Quầy này không phục vụ lĩnh vực của số thứ tự này."),
    // A rating (rating pad or ticket page) for a ticket the counter did not just complete, or that completed no
    // service in the last 24 h.
    NOT_RATEABLE("This ticket cannot be rated here: the counter did not just complete it, or it has not been served.",
            "Không thể đánh giá số thứ tự này: quầy chưa vừa phục vụ xong số này hoặc số chưa được phục vụ."),
    ALREADY_RATED("This ticket has already been rated; each visit is rated once.",
            "Số thứ tự này đã được đánh giá; mỗi lượt phục vụ chỉ đánh giá một lần."),
    RATING_CLOSED("The time for rating this visit is over.",
            "Đã hết thời gian đánh giá lượt phục vụ này."),
    // Counter operations (issue 14): the recall limit, REQUEUE of a no-show, TRANSFER to a counter or an officer.
    RECALL_LIMIT("The ticket was recalled as often as the centre allows; mark it NO_SHOW instead.",
            "Đã gọi lại số này đủ số lần cho phép; hãy đánh dấu vắng mặt."),
    NOT_A_NO_SHOW("That number was not marked absent recently; only a missed ticket can be put back in line.",
            "Số này không bị đánh dấu vắng mặt gần đây; chỉ số bị lỡ lượt mới được xếp lại."),
    REQUEUE_EXPIRED("The time to come back after missing the call has passed; please take a new ticket.",
            "Đã quá thời gian cho phép xếp lại số bị lỡ lượt; vui lòng lấy số mới."),
    REQUEUE_LIMIT("This ticket was already put back in line once; please take a new ticket.",
            "Số này đã được xếp lại một lần; vui lòng lấy số mới."),
    UNKNOWN_OFFICER("The centre has no such officer.",
            "Không có cán bộ này tại trung tâm."),
    COUNTER_CANNOT_SERVE("That counter does not serve the ticket's service.",
            "Quầy được chọn không phục vụ lĩnh vực của số này."),
    // Booked slots: a kiosk's check-in ("booking") and the public booking API.
    UNKNOWN_BOOKING("The centre has no such booking, or it was cancelled.",
            "Không tìm thấy lịch hẹn này hoặc lịch hẹn đã bị huỷ."),
    BOOKING_USED("This booking has already been checked in; each booking gives one ticket.",
            "Lịch hẹn này đã được dùng để lấy số; mỗi lịch hẹn chỉ lấy số một lần."),
    BOOKING_NOT_TODAY("The booking is for another day; come on the booked day.",
            "Lịch hẹn không phải hôm nay; vui lòng đến đúng ngày đã đặt."),
    SLOT_FULL("Every place in this slot is taken; choose another slot.",
            "Khung giờ này đã hết chỗ; vui lòng chọn khung giờ khác."),
    SLOT_NOT_OFFERED("This slot cannot be booked: not one of the service's slots, a day without bookings, beyond the"
            + " booking horizon or past its cut-off.",
            "Không thể đặt khung giờ này (ngoài thời gian cho phép đặt lịch); vui lòng chọn khung giờ khác."),
    BOOKING_LIMIT("This phone number already holds as many bookings as the centre allows; cancel one first.",
            "Số điện thoại này đã có đủ số lịch hẹn cho phép; vui lòng huỷ bớt trước khi đặt thêm."),
    // Remote tickets: taken from a phone, confirmed at the kiosk.
    REMOTE_LIMIT("This phone number already holds as many remote tickets as the centre allows, or the centre takes"
            + " none; take a ticket at the kiosk.",
            "Số điện thoại này đã giữ đủ số lượt lấy số từ xa cho phép (hoặc trung tâm không nhận lấy số từ xa);"
                    + " vui lòng lấy số tại kiosk."),
    UNKNOWN_REMOTE_TICKET("No waiting remote ticket has this code; check it, or it has expired, then take a new ticket.",
            "Không tìm thấy số lấy từ xa với mã này (mã sai hoặc đã hết hạn); vui lòng kiểm tra hoặc lấy số mới."),
    // The public HTTP APIs (bookings, remote tickets): one address asking too often.
    TOO_MANY_REQUESTS("Too many requests from this address; wait as long as Retry-After says, then try again.",
            "Bạn đã gửi quá nhiều yêu cầu; vui lòng đợi một lát rồi thử lại.");

    private final String englishMessage;
    private final String vietnameseMessage;

    ErrorCode(String englishMessage, String vietnameseMessage) {
        this.englishMessage = englishMessage;
        this.vietnameseMessage = vietnameseMessage;
    }

    /** The code's fixed text in Vietnamese, what citizen-facing screens show. */
    public String vietnameseMessage() {
        return vietnameseMessage;
    }

    /** The code's fixed text in English; also the detail of an error that has no more precise one. */
    public String englishMessage() {
        return englishMessage;
    }

    /** The code's fixed text in the given language. */
    public String message(Language language) {
        return switch (language) {
            case VI -> vietnameseMessage;
            case EN -> englishMessage;
        };
    }

    /** Whether a device may usefully retry the same request unchanged. */
    public boolean retryable() {
        return this == UNAVAILABLE || this == INTERNAL;
    }
}
