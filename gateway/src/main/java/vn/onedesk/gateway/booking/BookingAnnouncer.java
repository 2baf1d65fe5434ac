package vn.onedesk.gateway.booking;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.time.Instant;

/**
 * Announces a booking made or cancelled to other systems (webhooks), inside the transaction that makes the change:
 * the announcement is committed with it or not at all. {@link #NONE} announces nothing.
 */
@FunctionalInterface
public interface BookingAnnouncer {
    BookingAnnouncer NONE = (conn, change, booking, at) -> Future.succeededFuture();

    /** What happened to a booking. */
    enum Change { CREATED, CANCELLED }

    Future<Void> announce(SqlConnection conn, Change change, BookingStore.Booking booking, Instant at);
}
