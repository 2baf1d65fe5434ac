package vn.onedesk.protocol.ticketing;

import java.time.Instant;
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
 * @param remoteCode instead of a new ticket: the code of a ticket the citizen took from their phone ("Tôi đã lấy số
 *                  từ xa"), typed or scanned from the phone's screen, which confirms that they are in the hall; the
 *                  response carries that ticket (without a token) or UNKNOWN_REMOTE_TICKET. Letters and digits, case
 *                  ignored (sent in capitals), spaces and dashes left out; the other fields but {@code language} are
 *                  then ignored
 */
public record TicketRequest(String requestId, String service, Priority priority, Channel channel, Language language,
                            Instant appointmentAt, String dossier, String requeue, String remoteCode) {
    /**
     * The window an {@code appointmentAt} must fall in (inclusive, exclusive). Whether a booking exists at that time
     * is the booking's check; this one only keeps absurd instants (year +999999999, which the database stores as
     * {@code infinity}) out of the queue and the database.
     */
    public static final Instant EARLIEST_APPOINTMENT = Instant.parse("2000-01-01T00:00:00Z");
    public static final Instant LATEST_APPOINTMENT = Instant.parse("2100-01-01T00:00:00Z");

    public TicketRequest {
        Fields.identifier("requestId", requestId);
        if (remoteCode != null && requeue != null) {
            throw new Fields.InvalidFieldException("remoteCode", "'remoteCode' and 'requeue' exclude each other");
        }
        if (remoteCode != null || requeue != null) {
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

    /** A request for a new ticket that carries no dossier. */
    public TicketRequest(String requestId, String service, Priority priority, Channel channel, Language language,
                         Instant appointmentAt) {
        this(requestId, service, priority, channel, language, appointmentAt, null, null, null);
    }

    /** A request for a new ticket, for collecting the result of this dossier (or none). */
    public TicketRequest(String requestId, String service, Priority priority, Channel channel, Language language,
                         Instant appointmentAt, String dossier) {
        this(requestId, service, priority, channel, language, appointmentAt, dossier, null, null);
    }

    /** A request for a new ticket, or to put a missed one back in line. */
    public TicketRequest(String requestId, String service, Priority priority, Channel channel, Language language,
                         Instant appointmentAt, String dossier, String requeue) {
        this(requestId, service, priority, channel, language, appointmentAt, dossier, requeue, null);
    }

    public static TicketRequest of(String requestId, String service) {
        return new TicketRequest(requestId, service, null, null, null, null);
    }

    /** A request to put the citizen's missed ticket back in line. */
    public static TicketRequest requeue(String requestId, String number, Language language) {
        return new TicketRequest(requestId, null, null, null, language, null, null, number, null);
    }

    /** A kiosk's confirmation that the citizen of a remote ticket is in the hall. */
    public static TicketRequest confirmRemote(String requestId, String code, Language language) {
        return new TicketRequest(requestId, null, null, null, language, null, null, null, code);
    }

}
