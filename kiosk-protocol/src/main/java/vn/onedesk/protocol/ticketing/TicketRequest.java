package vn.onedesk.protocol.ticketing;

import java.time.Instant;
import vn.onedesk.protocol.BookingCodes;
import vn.onedesk.protocol.DossierCodes;
import vn.onedesk.protocol.Fields;
import vn.onedesk.protocol.Language;

/**
 * Kiosk → gateway on {@code onedesk/v1/{c}/kiosks/{kioskId}/tickets/request}.
 *
 * @param requestId chosen by the kiosk; a retry with the same id returns the same ticket
 * @param service   service code, e.g. "TP"
 * @param priority  legal priority group, NONE when absent
 * @param channel   WALK_IN when absent
 * @param language  "vi" (default) or "en": the language of the error message in the response
 * @param appointmentAt the booked time; required for APPOINTMENT check-ins, ignored otherwise; within
 *                      {@link #EARLIEST_APPOINTMENT} and {@link #LATEST_APPOINTMENT}
 * @param dossier   the code of the dossier (hồ sơ) whose result the citizen comes to collect, typed or scanned from
 *                  the receipt (see {@link DossierCodes}); null when none. Allowed with any service; a code of the
 *                  wrong shape is INVALID_FIELD naming {@code dossier}
 * @param requeue   instead of a new ticket for {@code service}: the number of the citizen's ticket that was marked
 *                  NO_SHOW ("Tôi bị lỡ lượt"), to put it back in line within the centre's requeue grace; the response
 *                  carries that ticket (without a new token) or an error; {@code service}, {@code priority},
 *                  {@code channel}, {@code appointmentAt} and {@code dossier} are then ignored
 * @param booking   the code of the citizen's booking ("Tôi đã đặt lịch", see {@link BookingCodes}): the ticket is for the
 *                  booking's service, and holds an appointment at the booked slot when it checks in inside the centre's
 *                  window; {@code service}, {@code channel} and {@code appointmentAt} are then ignored. Without a
 *                  booking, {@code appointmentAt} is kept for compatibility but gives no priority: the gateway issues
 *                  a walk-in ticket (the kiosk's word is no longer trusted)
 * @param remoteCode instead of a new ticket: the code of a ticket the citizen took from their phone ("Tôi đã lấy số
 *                  từ xa"), typed or scanned from the phone's screen, which confirms that they are in the hall; the
 *                  response carries that ticket (without a token) or UNKNOWN_REMOTE_TICKET. Letters and digits, case
 *                  ignored (sent in capitals), spaces and dashes left out; the other fields but {@code language} are
 *                  then ignored
 */
public record TicketRequest(String requestId, String service, Priority priority, Channel channel, Language language,
                            Instant appointmentAt, String dossier, String requeue, String booking, String remoteCode) {
    /**
     * The window an {@code appointmentAt} must fall in (inclusive, exclusive). Whether a booking exists at that time
     * is the booking's check; this one only keeps absurd instants (year +999999999, which the database stores as
     * {@code infinity}) out of the queue and the database.
     */
    public static final Instant EARLIEST_APPOINTMENT = Instant.parse("2000-01-01T00:00:00Z");
    public static final Instant LATEST_APPOINTMENT = Instant.parse("2100-01-01T00:00:00Z");

    public TicketRequest {
        Fields.identifier("requestId", requestId);
        BookingCodes.optional("booking", booking);
        int instead = (requeue != null ? 1 : 0) + (booking != null ? 1 : 0) + (remoteCode != null ? 1 : 0);
        if (instead > 1) {
            throw new Fields.InvalidFieldException(remoteCode != null ? "remoteCode" : "booking",
                    "'requeue', 'booking' and 'remoteCode' exclude each other");
        }
        if (booking != null) {
            service = null;
            channel = null;
            appointmentAt = null;
        } else if (remoteCode != null || requeue != null) {
            if (remoteCode != null) {
                remoteCode = RemoteCodes.normalised("remoteCode", remoteCode);
            } else {
                Fields.ticketNumber("requeue", requeue);
            }
            service = null;
            priority = null;
            channel = null;
            appointmentAt = null;
            dossier = null;
        } else {
            Fields.identifier("service", service);
        }
        priority = priority == null ? Priority.NONE : priority;
        channel = channel == null ? Channel.WALK_IN : channel;
        language = language == null ? Language.DEFAULT : language;
        if (channel == Channel.APPOINTMENT && appointmentAt == null) {
            throw new Fields.InvalidFieldException("appointmentAt",
                    "'appointmentAt' is required when channel is APPOINTMENT");
        }
        if (channel != Channel.APPOINTMENT) {
            appointmentAt = null;
        } else if (appointmentAt.isBefore(EARLIEST_APPOINTMENT) || !appointmentAt.isBefore(LATEST_APPOINTMENT)) {
            throw new Fields.InvalidFieldException("appointmentAt",
                    "'appointmentAt' must be from 2000-01-01T00:00:00Z up to (not including) 2100-01-01T00:00:00Z");
        }
        DossierCodes.optional("dossier", dossier);
    }

    /** A request for a new ticket, or to put a missed one back in line (no booking, no remote code). */
    public TicketRequest(String requestId, String service, Priority priority, Channel channel, Language language,
                         Instant appointmentAt, String dossier, String requeue) {
        this(requestId, service, priority, channel, language, appointmentAt, dossier, requeue, null, null);
    }

    /** A request for a new ticket that carries no dossier. */
    public TicketRequest(String requestId, String service, Priority priority, Channel channel, Language language,
                         Instant appointmentAt) {
        this(requestId, service, priority, channel, language, appointmentAt, null, null);
    }

    /** A request for a new ticket, for collecting the result of this dossier (or none). */
    public TicketRequest(String requestId, String service, Priority priority, Channel channel, Language language,
                         Instant appointmentAt, String dossier) {
        this(requestId, service, priority, channel, language, appointmentAt, dossier, null);
    }

    /** A check-in with the citizen's booking code. */
    public static TicketRequest checkIn(String requestId, String booking, Priority priority, Language language) {
        return new TicketRequest(requestId, null, priority, null, language, null, null, null, booking, null);
    }

    public static TicketRequest of(String requestId, String service) {
        return new TicketRequest(requestId, service, null, null, null, null);
    }

    /** A request to put the citizen's missed ticket back in line. */
    public static TicketRequest requeue(String requestId, String number, Language language) {
        return new TicketRequest(requestId, null, null, null, language, null, null, number);
    }

    /** A kiosk's confirmation that the citizen of a remote ticket is in the hall. */
    public static TicketRequest confirmRemote(String requestId, String code, Language language) {
        return new TicketRequest(requestId, null, null, null, language, null, null, null, null, code);
    }
}
