package vn.onedesk.gateway.booking;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import vn.onedesk.engine.centre.BookingCalendar;
import vn.onedesk.engine.centre.BookingRules;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.centre.ServiceField;
import vn.onedesk.gateway.http.HttpErrors;
import vn.onedesk.gateway.http.QrSvg;
import vn.onedesk.gateway.phones.PhoneNumbers;
import vn.onedesk.gateway.queue.CentreRuntime;
import vn.onedesk.gateway.queue.Centres;
import vn.onedesk.gateway.security.RateLimiter;
import vn.onedesk.protocol.BookingCodes;
import vn.onedesk.protocol.ErrorCode;

/**
 * The public booking API, for the citizen's page ({@code /booking}) and other front ends (the document is
 * {@code openapi/onedesk-public.yaml}); no login: what a citizen may do is bounded by the rules instead.
 * <ul>
 *   <li>{@code GET /api/v1/booking/centres}: the centres that take bookings ({@code id}, {@code name});</li>
 *   <li>{@code GET /api/v1/centres/{c}/booking}: the services that offer slots, and today at the centre;</li>
 *   <li>{@code GET /api/v1/centres/{c}/slots?service=TP&date=YYYY-MM-DD}: that day's bookable slots,
 *       {@code {"slots":[{"start","end","capacity","available"}]}}, times with the centre's offset;</li>
 *   <li>{@code POST /api/v1/centres/{c}/bookings} {@code {"service","slotStart","phone"}}: 201 with the booking's
 *       {@code code} and {@code secret} (given once), or 409 SLOT_FULL, SLOT_NOT_OFFERED, BOOKING_LIMIT;</li>
 *   <li>{@code GET} and {@code DELETE /api/v1/centres/{c}/bookings/{code}} with the secret in the
 *       {@code X-Booking-Secret} header: the booking, or its cancellation (200 with state CANCELLED);</li>
 *   <li>{@code GET /api/v1/centres/{c}/bookings/{code}/qr.svg}: the code as a QR code, which the kiosk's scanner
 *       types back.</li>
 * </ul>
 * Rate limits per client address ({@link vn.onedesk.gateway.http.ClientAddress}: the connection's, or the one another
 * node of the cluster passed on; {@code X-Forwarded-For} is not trusted): {@link #BOOKS_PER_WINDOW}
 * bookings and {@link #CHANGES_PER_WINDOW} reads or cancellations of a booking per {@link #WINDOW}, and
 * {@link #READS_PER_MINUTE} slot look-ups a minute; over them 429 TOO_MANY_REQUESTS with {@code Retry-After}.
 * The phone number is never logged nor stored: only its keyed hash ({@link vn.onedesk.gateway.config.PhoneKey}, see {@link PhoneKeys}), for the limit per number.
 */
public final class BookingApi {
    static final String CENTRE = "/api/v1/centres/:centre";
    /** The centres that take bookings, for the citizen's page to choose from when there are several. */
    public static final String CENTRES = "/api/v1/booking/centres";
    public static final String SECRET_HEADER = "X-Booking-Secret";
    public static final int BOOKS_PER_WINDOW = 10;
    public static final int CHANGES_PER_WINDOW = 30;
    public static final Duration WINDOW = Duration.ofMinutes(10);
    public static final int READS_PER_MINUTE = 120;
    private static final Logger LOG = Logger.getLogger(BookingApi.class.getName());
    private static final DateTimeFormatter OFFSET_TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private final Centres centres;
    /** Every centre the gateway (or its cluster) runs, for the list of those taking bookings. */
    private final Supplier<List<CentreDefinition>> definitions;
    private final BookingStore store;
    private final vn.onedesk.gateway.config.PhoneKey phoneKey;
    private final Clock clock;
    private final RateLimiter books = new RateLimiter(BOOKS_PER_WINDOW, WINDOW);
    private final RateLimiter changes = new RateLimiter(CHANGES_PER_WINDOW, WINDOW);
    private final RateLimiter reads = new RateLimiter(READS_PER_MINUTE, Duration.ofMinutes(1));

    public BookingApi(Centres centres, BookingStore store, vn.onedesk.gateway.config.PhoneKey phoneKey, Clock clock) {
        this(centres, () -> centres.all().stream().map(CentreRuntime::definition).toList(), store, phoneKey, clock);
    }

    /** @param definitions every centre the gateway runs: in a cluster also those another node writes */
    public BookingApi(Centres centres, Supplier<List<CentreDefinition>> definitions, BookingStore store,
                      vn.onedesk.gateway.config.PhoneKey phoneKey, Clock clock) {
        this.centres = centres;
        this.definitions = definitions;
        this.store = store;
        this.phoneKey = phoneKey;
        this.clock = clock;
    }

    public void mount(Router router) {
        router.get(CENTRES).handler(this::bookableCentres);
        router.get(CENTRE + "/booking").handler(this::services);
        router.get(CENTRE + "/slots").handler(this::slots);
        router.post(CENTRE + "/bookings").handler(BodyHandler.create(false).setBodyLimit(1024)).handler(this::book);
        router.get(CENTRE + "/bookings/:code/qr.svg").handler(this::qr);
        router.get(CENTRE + "/bookings/:code").handler(this::read);
        router.delete(CENTRE + "/bookings/:code").handler(this::cancel);
    }

    private void bookableCentres(RoutingContext ctx) {
        if (limited(ctx, reads)) {
            return;
        }
        JsonArray list = new JsonArray();
        for (CentreDefinition centre : definitions.get()) {
            // only a centre with a bookable service that still exists: another would offer an empty page
            if (centre.booking().services().stream().anyMatch(b -> centre.service(b.service()).isPresent())) {
                list.add(new JsonObject().put("id", centre.id()).put("name", centre.name()));
            }
        }
        json(ctx, 200, new JsonObject().put("centres", list));
    }

    private void services(RoutingContext ctx) {
        Optional<CentreDefinition> found = centre(ctx);
        if (found.isEmpty() || limited(ctx, reads)) {
            return;
        }
        CentreDefinition centre = found.get();
        JsonArray services = new JsonArray();
        for (BookingRules.ServiceBooking b : centre.booking().services()) {
            centre.service(b.service()).ifPresent(s -> services.add(new JsonObject()
                    .put("code", s.code()).put("name", s.name())
                    .put("slotMinutes", b.slotLength().toMinutes()).put("horizonDays", b.horizonDays())
                    .put("cutoffMinutes", b.cutoff().toMinutes())));
        }
        Instant now = clock.instant();
        json(ctx, 200, new JsonObject().put("centre", centre.id()).put("centreName", centre.name())
                .put("timeZone", centre.timezone().getId()).put("today", centre.serviceDay(now).toString())
                .put("checkInEarlyMinutes", centre.booking().checkInEarly().toMinutes())
                .put("checkInLateMinutes", centre.booking().checkInLate().toMinutes())
                .put("services", services));
    }

    private void slots(RoutingContext ctx) {
        Optional<CentreDefinition> found = centre(ctx);
        if (found.isEmpty() || limited(ctx, reads)) {
            return;
        }
        CentreDefinition centre = found.get();
        String service = ctx.request().getParam("service");
        String date = ctx.request().getParam("date");
        if (service == null || centre.service(service).isEmpty()) {
            HttpErrors.send(ctx, 400, service == null ? ErrorCode.INVALID_REQUEST : ErrorCode.UNKNOWN_SERVICE,
                    "service", service == null ? "'service' is required" : "centre " + centre.id()
                            + " has no service '" + service + "'");
            return;
        }
        LocalDate day;
        try {
            day = LocalDate.parse(date == null ? "" : date);
        } catch (DateTimeParseException e) {
            HttpErrors.send(ctx, 400, ErrorCode.INVALID_REQUEST, "date", "'date' must be a day as YYYY-MM-DD");
            return;
        }
        Instant now = clock.instant();
        Optional<BookingCalendar.Refusal> refused = BookingCalendar.dayRefusal(centre, service, day, now);
        if (refused.isPresent()) {
            // a day without slots is an empty list, not an error: the page shows "no slots" for it
            json(ctx, 200, slotsBody(centre, service, day, new JsonArray())
                    .put("reason", refused.get().name()));
            return;
        }
        BookingRules.ServiceBooking booking = centre.booking().service(service).orElseThrow();
        List<BookingCalendar.Slot> all = BookingCalendar.slots(centre, booking, day).stream()
                .filter(s -> BookingCalendar.beforeCutoff(booking, s.start(), now)).toList();
        if (all.isEmpty()) {
            json(ctx, 200, slotsBody(centre, service, day, new JsonArray()));
            return;
        }
        store.booked(centre.id(), service, all.get(0).start(), all.get(all.size() - 1).end())
                .onFailure(e -> internal(ctx, e))
                .onSuccess(taken -> {
                    JsonArray slots = new JsonArray();
                    for (BookingCalendar.Slot s : all) {
                        int available = Math.max(0, booking.capacity() - taken.getOrDefault(s.start(), 0));
                        slots.add(new JsonObject().put("start", local(centre, s.start()))
                                .put("end", local(centre, s.end())).put("capacity", booking.capacity())
                                .put("available", available));
                    }
                    json(ctx, 200, slotsBody(centre, service, day, slots));
                });
    }

    private static JsonObject slotsBody(CentreDefinition centre, String service, LocalDate day, JsonArray slots) {
        return new JsonObject().put("centre", centre.id()).put("service", service).put("date", day.toString())
                .put("slots", slots);
    }

    private void book(RoutingContext ctx) {
        Optional<CentreDefinition> found = centre(ctx);
        if (found.isEmpty() || limited(ctx, books)) {
            return;
        }
        CentreDefinition centre = found.get();
        JsonObject body;
        try {
            body = ctx.body() == null || ctx.body().buffer() == null ? null : ctx.body().asJsonObject();
        } catch (RuntimeException e) {
            body = null;
        }
        if (body == null) {
            HttpErrors.send(ctx, 400, ErrorCode.MALFORMED, "the body must be a JSON object"
                    + " {\"service\", \"slotStart\", \"phone\"}");
            return;
        }
        if (!(body.getValue("service") instanceof String service) || centre.service(service).isEmpty()) {
            HttpErrors.send(ctx, 400, body.getValue("service") instanceof String ? ErrorCode.UNKNOWN_SERVICE
                    : ErrorCode.INVALID_FIELD, "service", "'service' must be the code of one of the centre's services");
            return;
        }
        Instant slotStart;
        try {
            slotStart = OffsetDateTime.parse(String.valueOf(body.getValue("slotStart"))).toInstant();
        } catch (DateTimeParseException e) {
            HttpErrors.send(ctx, 400, ErrorCode.INVALID_FIELD, "slotStart", "'slotStart' must be a slot's start"
                    + " as an ISO-8601 time with its offset, as GET .../slots gives it (2025-03-03T07:30:00+07:00)");
            return;
        }
        Optional<String> phone = body.getValue("phone") instanceof String typed ? PhoneNumbers.normalised(typed)
                : Optional.empty();
        if (phone.isEmpty()) {
            HttpErrors.send(ctx, 400, ErrorCode.INVALID_FIELD, "phone", "'phone' must be a Vietnamese phone number"
                    + " (0912345678 or +84912345678)");
            return;
        }
        Instant now = clock.instant();
        Optional<BookingCalendar.Refusal> refused = BookingCalendar.refusal(centre, service, slotStart, now);
        if (refused.isPresent()) {
            HttpErrors.send(ctx, 409, ErrorCode.SLOT_NOT_OFFERED, "slotStart", "the slot cannot be booked: "
                    + refused.get().name());
            return;
        }
        BookingRules.ServiceBooking booking = centre.booking().service(service).orElseThrow();
        store.book(centre.id(), service, slotStart, slotStart.plus(booking.slotLength()), booking.capacity(),
                        phoneKey.bytes(phone.get()), centre.booking().maxActivePerPhone(), now)
                .onFailure(e -> failed(ctx, e))
                .onSuccess(made -> json(ctx, 201, view(centre, made.booking()).put("secret", made.secret())));
    }

    private void read(RoutingContext ctx) {
        withSecret(ctx, (centre, code, secret) -> store.read(centre.id(), code, secret)
                .onFailure(e -> failed(ctx, e))
                .onSuccess(b -> json(ctx, 200, view(centre, b))));
    }

    private void cancel(RoutingContext ctx) {
        withSecret(ctx, (centre, code, secret) -> store.cancel(centre.id(), code, secret, clock.instant())
                .onFailure(e -> failed(ctx, e))
                .onSuccess(b -> json(ctx, 200, view(centre, b))));
    }

    private void qr(RoutingContext ctx) {
        Optional<CentreDefinition> found = centre(ctx);
        if (found.isEmpty() || limited(ctx, reads)) {
            return;
        }
        String code = ctx.pathParam("code");
        if (!BookingCodes.valid(code)) {
            HttpErrors.send(ctx, 404, ErrorCode.UNKNOWN_BOOKING, "not a booking code");
            return;
        }
        // the code alone, as the kiosk's scanner types it back: no look-up, nothing else in it
        ctx.response().putHeader("content-type", "image/svg+xml").putHeader("cache-control", "no-store")
                .end(QrSvg.of(code));
    }

    private interface WithSecret {
        void accept(CentreDefinition centre, String code, String secret);
    }

    private void withSecret(RoutingContext ctx, WithSecret then) {
        Optional<CentreDefinition> found = centre(ctx);
        if (found.isEmpty() || limited(ctx, changes)) {
            return;
        }
        String code = ctx.pathParam("code");
        String secret = ctx.request().getHeader(SECRET_HEADER);
        if (secret == null || secret.isEmpty() || secret.length() > 64) {
            HttpErrors.send(ctx, 400, ErrorCode.INVALID_REQUEST, SECRET_HEADER, "the booking's secret is required in"
                    + " the " + SECRET_HEADER + " header");
            return;
        }
        if (!BookingCodes.valid(code)) {
            HttpErrors.send(ctx, 404, ErrorCode.UNKNOWN_BOOKING, "centre " + found.get().id()
                    + " has no booking with this code and secret");
            return;
        }
        then.accept(found.get(), code, secret);
    }

    /** A booking as its citizen sees it: never the phone number, never the ticket's internal id. */
    private static JsonObject view(CentreDefinition centre, BookingStore.Booking b) {
        JsonObject view = new JsonObject().put("code", b.code()).put("service", b.service())
                .put("serviceName", centre.service(b.service()).map(ServiceField::name).orElse(b.service()))
                .put("slotStart", local(centre, b.slotStart())).put("slotEnd", local(centre, b.slotEnd()))
                .put("state", b.state())
                .put("checkInFrom", local(centre, b.slotStart().minus(centre.booking().checkInEarly())))
                .put("checkInUntil", local(centre, b.slotStart().plus(centre.booking().checkInLate())))
                .put("qr", "/api/v1/centres/" + centre.id() + "/bookings/" + b.code() + "/qr.svg");
        return view;
    }

    private static String local(CentreDefinition centre, Instant at) {
        return OFFSET_TIME.format(at.atZone(centre.timezone()).toOffsetDateTime());
    }

    private Optional<CentreDefinition> centre(RoutingContext ctx) {
        String id = ctx.pathParam("centre");
        Optional<CentreDefinition> centre = centres.find(id).map(CentreRuntime::definition);
        if (centre.isEmpty()) {
            HttpErrors.send(ctx, 404, ErrorCode.UNKNOWN_CENTRE, "this gateway runs no centre '" + id + "'");
        }
        return centre;
    }

    private boolean limited(RoutingContext ctx, RateLimiter limiter) {
        String address = vn.onedesk.gateway.http.ClientAddress.of(ctx);
        Optional<Duration> wait = limiter.acquire(address, clock.instant());
        if (wait.isEmpty()) {
            return false;
        }
        ctx.response().putHeader("retry-after", String.valueOf(Math.max(1, wait.get().toSeconds())));
        HttpErrors.send(ctx, 429, ErrorCode.TOO_MANY_REQUESTS, "at most " + limiter.limit() + " such requests per "
                + limiter.window().toMinutes() + " min from one address");
        return true;
    }

    private static void failed(RoutingContext ctx, Throwable e) {
        if (e instanceof BookingStore.Refused refused) {
            int status = switch (refused.code()) {
                case UNKNOWN_BOOKING -> 404;
                default -> 409;
            };
            HttpErrors.send(ctx, status, refused.code(), refused.getMessage());
        } else {
            internal(ctx, e);
        }
    }

    private static void internal(RoutingContext ctx, Throwable e) {
        // the route, never the path or the body: they hold the booking's code, the secret and the phone number
        LOG.log(Level.WARNING, "booking API " + ctx.currentRoute().getPath() + " failed", e);
        HttpErrors.send(ctx, 503, ErrorCode.UNAVAILABLE, "the booking could not be read or stored; try again");
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
        if (ctx.response().headWritten()) {
            return;
        }
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json; charset=utf-8")
                .putHeader("cache-control", "no-store").end(body.encode());
    }
}
