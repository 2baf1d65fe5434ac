package vn.onedesk.gateway.booking;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import vn.onedesk.protocol.BookingCodes;
import vn.onedesk.protocol.ErrorCode;

/**
 * The bookings in PostgreSQL. Creating and cancelling a booking are each one transaction, which is where the
 * {@code booking.created} and {@code booking.cancelled} outbox rows join them; the check-in is written by the centre's
 * writer in the commit of the ticket it issues ({@code CommitStatement}, {@code booking.checked_in}).
 *
 * <p>The capacity of a slot holds under any number of concurrent requests: a place is taken by a conditional UPDATE of
 * the slot's row ({@code booked < capacity}), which locks the row, so concurrent bookings of one slot wait for each
 * other and each sees the count the previous one left. The bookings of one phone number are counted under a
 * transaction-scoped advisory lock on its hash, so two requests of one number at once cannot both pass the limit.
 */
public final class BookingStore {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** A transaction-scoped advisory lock's first key: bookings of one phone number (the second is from its hash). */
    private static final int PHONE_LOCK = 0x0B00C;

    private final Pool pool;
    private final BookingAnnouncer announcer;

    public BookingStore(Pool pool) {
        this(pool, BookingAnnouncer.NONE);
    }

    /** @param announcer writes the booking.created and booking.cancelled outbox rows in the change's transaction */
    public BookingStore(Pool pool, BookingAnnouncer announcer) {
        this.pool = pool;
        this.announcer = announcer;
    }

    /** A booking as stored (never its secret nor its phone number's hash). */
    public record Booking(String centre, String code, String service, Instant slotStart, Instant slotEnd, String state,
                          Instant createdAt, String ticketId, String checkedInAs, String checkedInDevice,
                          String checkedInRequest) {
    }

    /** A booking just made, with the secret that cancels it: given to the citizen once, stored only as a hash. */
    public record Made(Booking booking, String secret) {
    }

    /** A request the rules refuse, with the error the client gets. */
    public static final class Refused extends RuntimeException {
        private final ErrorCode code;

        Refused(ErrorCode code, String detail) {
            super(detail, null, false, false);
            this.code = code;
        }

        public ErrorCode code() {
            return code;
        }
    }

    /**
     * Takes a place in the slot for a new booking, in one transaction: refused with BOOKING_LIMIT when the phone
     * number holds {@code maxActive} bookings already (booked, slot not yet over), SLOT_FULL when every place is taken.
     */
    public Future<Made> book(String centre, String service, Instant slotStart, Instant slotEnd, int capacity,
                             byte[] phoneHash, int maxActive, Instant now) {
        String secret = secret();
        return pool.withTransaction(conn -> conn
                .preparedQuery("SELECT pg_advisory_xact_lock($1, hashtext(encode($2, 'hex')))")
                .execute(Tuple.of(PHONE_LOCK, io.vertx.core.buffer.Buffer.buffer(phoneHash)))
                .compose(v -> conn.preparedQuery("SELECT count(*) FROM bookings WHERE phone_hash = $1"
                                + " AND state = 'BOOKED' AND slot_end > $2")
                        .execute(Tuple.of(io.vertx.core.buffer.Buffer.buffer(phoneHash), at(now))))
                .compose(rows -> {
                    long active = rows.iterator().next().getLong(0);
                    if (active >= maxActive) {
                        return Future.failedFuture(new Refused(ErrorCode.BOOKING_LIMIT, "this phone number holds "
                                + active + " bookings; the centre allows " + maxActive + " at once"));
                    }
                    return conn.preparedQuery("INSERT INTO booking_slots (centre_id, service, slot_start)"
                                    + " VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
                            .execute(Tuple.of(centre, service, at(slotStart)));
                })
                .compose(v -> conn.preparedQuery("UPDATE booking_slots SET booked = booked + 1 WHERE centre_id = $1"
                                + " AND service = $2 AND slot_start = $3 AND booked < $4 RETURNING booked")
                        .execute(Tuple.of(centre, service, at(slotStart), capacity)))
                .compose(rows -> rows.rowCount() == 0
                        ? Future.failedFuture(new Refused(ErrorCode.SLOT_FULL, "every one of the " + capacity
                                + " places of the slot at " + slotStart + " is taken"))
                        : insert(conn, centre, service, slotStart, slotEnd, phoneHash, secret, now, 0))
                // booking.created, committed with the booking
                .compose(booking -> announcer.announce(conn, BookingAnnouncer.Change.CREATED, booking, now)
                        .map(booking))
        ).map(booking -> new Made(booking, secret));
    }

    private Future<Booking> insert(SqlConnection conn, String centre, String service, Instant slotStart,
                                   Instant slotEnd, byte[] phoneHash, String secret, Instant now, int attempt) {
        String code = code();
        return conn.preparedQuery("INSERT INTO bookings (centre_id, code, secret_hash, service, slot_start, slot_end,"
                        + " state, phone_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6, 'BOOKED', $7, $8)"
                        + " ON CONFLICT (centre_id, code) DO NOTHING RETURNING booking_id")
                .execute(Tuple.from(new Object[] {centre, code, io.vertx.core.buffer.Buffer.buffer(sha256(secret)),
                    service, at(slotStart), at(slotEnd), io.vertx.core.buffer.Buffer.buffer(phoneHash), at(now)}))
                .compose(rows -> {
                    if (rows.rowCount() == 1) {
                        return Future.succeededFuture(new Booking(centre, code, service, slotStart, slotEnd, "BOOKED",
                                now, null, null, null, null));
                    }
                    // 40 random bits collide once in a great while: another code
                    return attempt < 5 ? insert(conn, centre, service, slotStart, slotEnd, phoneHash, secret, now,
                            attempt + 1) : Future.failedFuture(new IllegalStateException("no free booking code"));
                });
    }

    /**
     * Cancels the booking if the secret is its own, in one transaction, and gives its place back. An unknown code and
     * a wrong secret are the same UNKNOWN_BOOKING; a booking cancelled already is answered as it is (a retry);
     * one checked in is BOOKING_USED.
     */
    public Future<Booking> cancel(String centre, String code, String secret, Instant now) {
        return pool.withTransaction(conn -> conn
                .preparedQuery("SELECT * FROM bookings WHERE centre_id = $1 AND code = $2 FOR UPDATE")
                .execute(Tuple.of(centre, code))
                .compose(rows -> withSecret(rows, centre, secret))
                .compose(booking -> switch (booking.state()) {
                        case "CANCELLED" -> Future.succeededFuture(booking);
                        case "CHECKED_IN" -> Future.failedFuture(new Refused(ErrorCode.BOOKING_USED,
                                "the booking was checked in; a booking is cancelled before it is used"));
                        default -> conn.preparedQuery("UPDATE bookings SET state = 'CANCELLED', cancelled_at = $3,"
                                        + " phone_hash = NULL"
                                        + " WHERE centre_id = $1 AND code = $2")
                                .execute(Tuple.of(centre, code, at(now)))
                                .compose(v -> conn.preparedQuery("UPDATE booking_slots SET booked = booked - 1"
                                                + " WHERE centre_id = $1 AND service = $2 AND slot_start = $3")
                                        .execute(Tuple.of(centre, booking.service(), at(booking.slotStart()))))
                                .map(v -> new Booking(centre, code, booking.service(), booking.slotStart(),
                                        booking.slotEnd(), "CANCELLED", booking.createdAt(), null, null, null, null))
                                // booking.cancelled, committed with the cancellation
                                .compose(cancelled -> announcer.announce(conn, BookingAnnouncer.Change.CANCELLED,
                                        cancelled, now).map(cancelled));
                }));
    }

    /** The booking with this code and secret; UNKNOWN_BOOKING for an unknown code or a wrong secret alike. */
    public Future<Booking> read(String centre, String code, String secret) {
        return pool.preparedQuery("SELECT * FROM bookings WHERE centre_id = $1 AND code = $2")
                .execute(Tuple.of(centre, code))
                .compose(rows -> withSecret(rows, centre, secret));
    }

    /** The booking read, if its secret is this one; UNKNOWN_BOOKING for none or a wrong secret alike. */
    private static Future<Booking> withSecret(io.vertx.sqlclient.RowSet<Row> rows, String centre, String secret) {
        Row row = rows.iterator().hasNext() ? rows.iterator().next() : null;
        if (row == null || !MessageDigest.isEqual(sha256(secret), row.getBuffer("secret_hash").getBytes())) {
            return Future.failedFuture(unknown(centre));
        }
        return Future.succeededFuture(booking(row));
    }

    /** The booking with this code, for a kiosk's check-in (the code is what the citizen shows). */
    public Future<Optional<Booking>> find(String centre, String code) {
        return pool.preparedQuery("SELECT * FROM bookings WHERE centre_id = $1 AND code = $2")
                .execute(Tuple.of(centre, code))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(booking(rows.iterator().next()))
                        : Optional.empty());
    }

    /** The places taken in the service's slots that start in [from, to). */
    public Future<Map<Instant, Integer>> booked(String centre, String service, Instant from, Instant to) {
        return pool.preparedQuery("SELECT slot_start, booked FROM booking_slots WHERE centre_id = $1 AND service = $2"
                        + " AND slot_start >= $3 AND slot_start < $4")
                .execute(Tuple.of(centre, service, at(from), at(to)))
                .map(rows -> {
                    Map<Instant, Integer> out = new HashMap<>();
                    rows.forEach(r -> out.put(r.getOffsetDateTime(0).toInstant(), r.getInteger(1)));
                    return out;
                });
    }

    private static Refused unknown(String centre) {
        return new Refused(ErrorCode.UNKNOWN_BOOKING, "centre " + centre
                + " has no booking with this code and secret");
    }

    private static Booking booking(Row r) {
        return new Booking(r.getString("centre_id"), r.getString("code"), r.getString("service"),
                r.getOffsetDateTime("slot_start").toInstant(), r.getOffsetDateTime("slot_end").toInstant(),
                r.getString("state"), r.getOffsetDateTime("created_at").toInstant(), r.getString("ticket_id"),
                r.getString("checked_in_as"), r.getString("checked_in_device"), r.getString("checked_in_request"));
    }

    static String code() {
        StringBuilder code = new StringBuilder(BookingCodes.LENGTH);
        for (int i = 0; i < BookingCodes.LENGTH; i++) {
            code.append(BookingCodes.ALPHABET.charAt(RANDOM.nextInt(BookingCodes.ALPHABET.length())));
        }
        return code.toString();
    }

    /** 128 random bits, URL-safe: what cancels a booking, given once to whoever made it. */
    private static String secret() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
