package vn.onedesk.monitoring;

/**
 * The label names OneDesk uses. Every value comes from configuration or from a closed set (an enum,
 * an error code, a topic kind), never from what a device or citizen typed: ticket numbers, ticket
 * ids, request ids and passwords are never labels.
 */
public final class Label {
    /** The centre id from the configuration. */
    public static final String CENTRE = "centre";
    /** A service code from the configuration (TP, BHXH...). */
    public static final String SERVICE = "service";
    /** The service a transferred ticket went to. */
    public static final String TO_SERVICE = "to_service";
    /** A citizen's rating of the service, 1 (Rất không hài lòng) to 5 (Rất hài lòng). */
    public static final String SCORE = "score";
    /** How the ticket was taken: WALK_IN, REMOTE, APPOINTMENT. */
    public static final String CHANNEL = "channel";
    /** The legal priority group: NONE, ELDERLY, DISABLED, PREGNANT, CHILD_UNDER_6, MERIT. */
    public static final String PRIORITY = "priority";
    /** Who staffs the counter: POSTAL or an agency code from the configuration (BHXH, CONG_AN...). */
    public static final String OPERATOR = "operator";
    /** The device's role: KIOSK, COUNTER, DISPLAY (also where a REQUEUE was asked: counter or kiosk). */
    public static final String KIND = "kind";
    /**
     * A device id from the configuration. Bounded like counters are (a centre has tens of devices),
     * and needed: the operator must know which kiosk is offline or out of paper.
     */
    public static final String DEVICE = "device";
    /** Why a device went offline: last_will or disconnected. */
    public static final String CAUSE = "cause";
    /** A state of a state set, e.g. the printer's paper level OK, LOW, OUT. */
    public static final String STATE = "state";
    /** Why something was refused or failed; each metric documents its closed set. */
    public static final String REASON = "reason";
    /** The kind of MQTT topic (ticket_request, calls, ...; unknown for topics that are not OneDesk's). */
    public static final String TOPIC_KIND = "topic_kind";
    /** A protocol ErrorCode name (MALFORMED, NOT_AUTHORISED...). */
    public static final String CODE = "code";
    /** A table of the gateway's database that retention deletes from or erases in (events, tickets...). */
    public static final String TABLE = "table";
    /** Where a connection was opened: mqtt, http, or sse (a server-sent-event stream on the HTTP port). */
    public static final String LISTENER = "listener";
    /**
     * Of a forwarded request: answered, or unanswered (no node wrote the centre, or no reply in time); of a webhook
     * delivery attempt: delivered, failed or dead.
     */
    public static final String OUTCOME = "outcome";
    /** Of an ownership change: gained or lost. */
    public static final String CHANGE = "change";
    /** A readiness check: database, migrations, mqtt, centres. */
    public static final String CHECK = "check";

    private Label() {
    }
}
