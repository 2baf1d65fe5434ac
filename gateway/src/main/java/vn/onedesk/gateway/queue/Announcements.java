package vn.onedesk.gateway.queue;

import java.util.List;
import java.util.Map;
import vn.onedesk.engine.Event;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.gateway.persistence.BookingCheckIn;
import vn.onedesk.gateway.persistence.CentreStore.TicketRow;
import vn.onedesk.gateway.persistence.OutboxRow;

/**
 * What of a batch the writer announces to other systems (webhooks): the rows it commits to the outbox with the
 * batch, in the same statement. {@link #NONE} announces nothing (no subscriber, or a test).
 */
@FunctionalInterface
public interface Announcements {
    Announcements NONE = (centre, expectedVersion, events, tickets, checkIns) -> List.of();

    /**
     * @param expectedVersion the centre's version before the batch: event {@code k} (from 0) gets
     *                        {@code expectedVersion + k + 1}
     * @param tickets         every ticket the events touched, as it stands after the batch
     * @param checkIns        the bookings the batch's tickets checked in
     */
    List<OutboxRow> of(CentreDefinition centre, long expectedVersion, List<Event> events,
                       Map<String, TicketRow> tickets, List<BookingCheckIn> checkIns);
}
