package vn.onedesk.gateway.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import vn.onedesk.engine.centre.BookingRules;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.centre.CounterRules;
import vn.onedesk.engine.centre.CounterDefinition;
import vn.onedesk.engine.centre.Operator;
import vn.onedesk.engine.centre.ServiceField;
import vn.onedesk.engine.centre.Session;
import vn.onedesk.gateway.devices.Device;
import vn.onedesk.gateway.devices.DeviceRole;
import vn.onedesk.gateway.devices.PasswordHash;
import vn.onedesk.protocol.Topics;

/**
 * Reads centres and devices from the {@code onedesk-config/1} JSON format, collecting every problem
 * with the path to it ({@code centres[0].services[2].prefix: ...}) instead of stopping at the first.
 */
public final class CentreConfigReader {
    private final List<String> problems;
    private final boolean demo;
    /** Ids of every centre in the file, valid or not: a device of an invalid centre is not "of no centre". */
    private final Set<String> declaredCentres = new LinkedHashSet<>();

    /** Whether a centre must be complete ({@link CentreDefinition#gaps()} empty), as a configuration file's must. */
    private final boolean requireComplete;

    CentreConfigReader(List<String> problems, boolean demo) {
        this(problems, demo, true);
    }

    private CentreConfigReader(List<String> problems, boolean demo, boolean requireComplete) {
        this.problems = problems;
        this.demo = demo;
        this.requireComplete = requireComplete;
    }

    /**
     * Reads one centre as the database and the administration API hold it: the same format, but the centre may be
     * incomplete (no counters yet, a service no counter serves yet). Problems are added with {@code at} as their
     * path; null when there is any.
     */
    public static CentreDefinition draft(String at, JsonObject json, List<String> problems) {
        return new CentreConfigReader(problems, false, false).centre(at, json);
    }

    /**
     * Reads one centre object of this format, as scenario files ({@code onedesk-scenario/1}) embed it.
     * Problems are added with {@code at} as their path; null when there is any.
     */
    public static CentreDefinition centre(String at, JsonObject json, List<String> problems) {
        return new CentreConfigReader(problems, false).centre(at, json);
    }

    List<CentreDefinition> centres(JsonArray array) {
        List<CentreDefinition> centres = new ArrayList<>();
        if (array == null) {
            // A file may hold only the gateway's settings: its centres are then made through the administration.
            return centres;
        }
        for (int i = 0; i < array.size(); i++) {
            if (object(array, i) != null && object(array, i).getValue("id") instanceof String id) {
                declaredCentres.add(id);
            }
            CentreDefinition centre = centre("centres[" + i + "]", object(array, i));
            if (centre != null) {
                centres.add(centre);
            }
        }
        return centres;
    }

    List<Device> devices(JsonArray array, List<CentreDefinition> centres) {
        List<Device> devices = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        if (array == null) {
            return devices; // none to import: devices are then made through the administration
        }
        for (int i = 0; i < array.size(); i++) {
            String at = "devices[" + i + "]";
            JsonObject json = object(array, i);
            if (json == null) {
                problems.add(at + ": must be an object");
                continue;
            }
            String id = segment(at + ".id", json.getValue("id"));
            String centre = segment(at + ".centre", json.getValue("centre"));
            DeviceRole role = role(at + ".role", json.getValue("role"));
            String counter = json.getValue("counter") == null ? null : segment(at + ".counter", json.getValue("counter"));
            PasswordHash password = password(at, json);
            if (id != null && !ids.add(id)) {
                problems.add(at + ".id: device " + id + " is defined twice");
            }
            CentreDefinition definition = centres.stream().filter(c -> c.id().equals(centre)).findFirst().orElse(null);
            if (centre != null && definition == null && !declaredCentres.contains(centre)) {
                problems.add(at + ".centre: no centre " + centre + " is configured");
            }
            if (role != null && role.boundToCounter() && counter == null) {
                problems.add(at + ".counter: a " + role + " must name the counter it "
                        + (role == DeviceRole.COUNTER ? "commands" : "rates"));
            }
            if (role != null && !role.boundToCounter() && counter != null) {
                problems.add(at + ".counter: only COUNTER terminals and RATING_PAD devices name a counter");
            }
            if (definition != null && counter != null && definition.counter(counter).isEmpty()) {
                problems.add(at + ".counter: centre " + centre + " has no counter " + counter);
            }
            if (id != null && centre != null && role != null && password != null
                    && role.boundToCounter() == (counter != null)) {
                devices.add(new Device(id, centre, role, counter, password));
            }
        }
        return devices;
    }

    private CentreDefinition centre(String at, JsonObject json) {
        if (json == null) {
            problems.add(at + ": must be an object");
            return null;
        }
        int before = problems.size();
        String id = segment(at + ".id", json.getValue("id"));
        String name = text(at + ".name", json.getValue("name"));
        ZoneId zone = zone(at + ".timezone", json.getValue("timezone", "Asia/Ho_Chi_Minh"));
        List<Session> sessions = objects(at + ".sessions", json.getValue("sessions"), this::session);
        List<ServiceField> services = objects(at + ".services", json.getValue("services"), this::service);
        List<CounterDefinition> counters = objects(at + ".counters", json.getValue("counters"), this::counter);
        Object onlyInSessions = json.getValue("ticketsOnlyInSessions", Boolean.TRUE);
        if (!(onlyInSessions instanceof Boolean)) {
            problems.add(at + ".ticketsOnlyInSessions: must be true or false");
        }
        Object showOfficerName = json.getValue("showOfficerName", Boolean.TRUE);
        if (!(showOfficerName instanceof Boolean)) {
            problems.add(at + ".showOfficerName: must be true or false");
        }
        CounterRules rules = counterRules(at + ".counterRules", json.getValue("counterRules"));
        BookingRules booking = booking(at + ".booking", json.getValue("booking"));
        if (problems.size() > before) {
            return null;
        }
        try {
            return requireComplete
                    ? CentreDefinition.checked(id, name, zone, sessions, services, counters, (Boolean) onlyInSessions,
                            (Boolean) showOfficerName, rules).withBooking(booking)
                    : new CentreDefinition(id, name, zone, sessions, services, counters, (Boolean) onlyInSessions,
                            (Boolean) showOfficerName, rules, booking);
        } catch (CentreDefinition.InvalidCentreException e) {
            e.problems().forEach(p -> problems.add(at + ": " + p));
        } catch (IllegalArgumentException e) {
            problems.add(at + ": " + e.getMessage());
        }
        return null;
    }

    private Item<Session> session(String at, JsonObject json) {
        LocalTime from = time(at + ".from", json.getValue("from"));
        LocalTime to = time(at + ".to", json.getValue("to"));
        if (from == null || to == null) {
            return Item.none();
        }
        if (!from.isBefore(to)) {
            problems.add(at + ": 'to' must be after 'from'");
            return Item.none();
        }
        return Item.of(new Session(from, to));
    }

    private Item<ServiceField> service(String at, JsonObject json) {
        String code = segment(at + ".code", json.getValue("code"));
        String name = text(at + ".name", json.getValue("name"));
        String prefix = text(at + ".prefix", json.getValue("prefix"));
        if (prefix != null && !prefix.matches("[A-Z]{1,2}")) {
            problems.add(at + ".prefix: must be one or two capital letters, got '" + prefix + "'");
            prefix = null;
        }
        List<Operator> servedBy = items(at + ".servedBy", json.getValue("servedBy"), this::operator);
        Integer target = positive(at + ".targetWaitMinutes", json.getValue("targetWaitMinutes"));
        Integer expected = positive(at + ".expectedServiceMinutes", json.getValue("expectedServiceMinutes", 8));
        if (code == null || name == null || prefix == null || target == null || expected == null || servedBy.isEmpty()) {
            if (servedBy.isEmpty() && json.getValue("servedBy") instanceof JsonArray) {
                problems.add(at + ".servedBy: must name at least one operator");
            }
            return Item.none();
        }
        return Item.of(new ServiceField(code, name, prefix, Set.copyOf(servedBy), Duration.ofMinutes(target),
                Duration.ofMinutes(expected)));
    }

    private Item<CounterDefinition> counter(String at, JsonObject json) {
        String id = segment(at + ".id", json.getValue("id"));
        Integer number = positive(at + ".number", json.getValue("number"));
        Operator operator = operator(at + ".operator", json.getValue("operator")).value;
        List<String> primary = items(at + ".primary", json.getValue("primary"), (p, v) -> Item.of(segment(p, v)));
        List<String> secondary = items(at + ".secondary", json.getValue("secondary", new JsonArray()),
                (p, v) -> Item.of(segment(p, v)));
        if (id == null || number == null || operator == null) {
            return Item.none();
        }
        if (primary.isEmpty()) {
            problems.add(at + ".primary: a counter needs at least one primary service");
            return Item.none();
        }
        try {
            return Item.of(new CounterDefinition(id, number, operator, primary, secondary));
        } catch (IllegalArgumentException e) {
            // e.g. a service listed as both primary and secondary (found by fuzzing: it escaped as an exception)
            problems.add(at + ".secondary: " + e.getMessage());
            return Item.none();
        }
    }

    private Item<Operator> operator(String at, Object value) {
        String code = text(at, value);
        if (code == null) {
            return Item.none();
        }
        try {
            return Item.of(new Operator(code));
        } catch (IllegalArgumentException e) {
            problems.add(at + ": " + e.getMessage());
            return Item.none();
        }
    }

    private PasswordHash password(String at, JsonObject json) {
        Object hash = json.getValue("passwordHash");
        Object plain = json.getValue("password");
        if (hash != null && plain != null) {
            problems.add(at + ": give passwordHash or password, not both");
            return null;
        }
        if (plain != null) {
            if (!demo) {
                problems.add(at + ".password: plain-text passwords are allowed only in the built-in demo;"
                        + " store passwordHash instead (java -jar onedesk-gateway.jar hash-password)");
                return null;
            }
            return new PasswordHash.DemoPlainText(String.valueOf(plain));
        }
        String encoded = text(at + ".passwordHash", hash);
        if (encoded == null) {
            return null;
        }
        try {
            return PasswordHash.parse(encoded);
        } catch (IllegalArgumentException e) {
            problems.add(at + ".passwordHash: " + e.getMessage());
            return null;
        }
    }

    // --- small typed readers, each recording a problem and returning null on failure ---

    private record Item<T>(T value) {
        static <T> Item<T> of(T value) {
            return new Item<>(value);
        }

        static <T> Item<T> none() {
            return new Item<>(null);
        }
    }

    private interface ItemReader<T> {
        Item<T> read(String at, Object value);
    }

    private <T> List<T> items(String at, Object value, ItemReader<T> reader) {
        List<T> out = new ArrayList<>();
        if (!(value instanceof JsonArray array)) {
            problems.add(at + ": must be a list");
            return out;
        }
        for (int i = 0; i < array.size(); i++) {
            Item<T> item = reader.read(at + "[" + i + "]", array.getValue(i));
            if (item.value != null) {
                out.add(item.value);
            }
        }
        return out;
    }

    private <T> List<T> objects(String at, Object value, ObjectReader<T> reader) {
        return items(at, value, (p, v) -> {
            if (!(v instanceof JsonObject o)) {
                problems.add(p + ": must be an object");
                return Item.none();
            }
            return reader.read(p, o);
        });
    }

    private interface ObjectReader<T> {
        Item<T> read(String at, JsonObject value);
    }

    private static JsonObject object(JsonArray array, int i) {
        return array.getValue(i) instanceof JsonObject o ? o : null;
    }

    private String text(String at, Object value) {
        if (!(value instanceof String s) || s.isBlank()) {
            problems.add(at + ": required text is missing");
            return null;
        }
        return s;
    }

    private String segment(String at, Object value) {
        String s = text(at, value);
        if (s != null && !Topics.isSegment(s)) {
            problems.add(at + ": '" + s + "' must be 1-64 letters, digits, '.', '_' or '-' (it appears in MQTT topics)");
            return null;
        }
        return s;
    }

    /**
     * The counters' rules; each value may be left out (its default), an absent section is all defaults. Whole numbers
     * only: {@code recallLimit}, {@code parkTimeoutMinutes}, {@code requeueGraceMinutes}, {@code requeueAfter},
     * {@code ratingWindowSeconds}, {@code remotePerPhone}, {@code remoteGraceMinutes}, {@code turnNearAhead}.
     */
    private CounterRules counterRules(String at, Object value) {
        if (value == null) {
            return CounterRules.DEFAULT;
        }
        if (!(value instanceof JsonObject json)) {
            problems.add(at + ": must be an object");
            return null;
        }
        CounterRules d = CounterRules.DEFAULT;
        Integer recallLimit = whole(at + ".recallLimit", json.getValue("recallLimit", d.recallLimit()));
        Integer park = whole(at + ".parkTimeoutMinutes", json.getValue("parkTimeoutMinutes",
                d.parkTimeout().toMinutes()));
        Integer grace = whole(at + ".requeueGraceMinutes", json.getValue("requeueGraceMinutes",
                d.requeueGrace().toMinutes()));
        Integer after = whole(at + ".requeueAfter", json.getValue("requeueAfter", d.requeueAfter()));
        Integer rating = whole(at + ".ratingWindowSeconds", json.getValue("ratingWindowSeconds",
                d.ratingWindow().toSeconds()));
        Integer perPhone = whole(at + ".remotePerPhone", json.getValue("remotePerPhone", d.remotePerPhone()));
        Integer remoteGrace = whole(at + ".remoteGraceMinutes", json.getValue("remoteGraceMinutes",
                d.remoteGrace().toMinutes()));
        Integer nearAhead = whole(at + ".turnNearAhead", json.getValue("turnNearAhead", d.turnNearAhead()));
        if (recallLimit == null || park == null || grace == null || after == null || rating == null
                || perPhone == null || remoteGrace == null || nearAhead == null) {
            return null;
        }
        List<String> wrong = CounterRules.problems(recallLimit, Duration.ofMinutes(park), Duration.ofMinutes(grace),
                after, Duration.ofSeconds(rating));
        wrong.addAll(CounterRules.remoteProblems(perPhone, Duration.ofMinutes(remoteGrace), nearAhead));
        if (!wrong.isEmpty()) {
            wrong.forEach(p -> problems.add(at + ": " + p));
            return null;
        }
        return new CounterRules(recallLimit, Duration.ofMinutes(park), Duration.ofMinutes(grace), after,
                Duration.ofSeconds(rating), perPhone, Duration.ofMinutes(remoteGrace), nearAhead);
    }

    /**
     * Booked slots: absent (or without services) offers none, as before bookings existed. Whole numbers of minutes;
     * {@code blackoutDays} as {@code YYYY-MM-DD}; each service once, and a service of the centre (checked with the
     * centre).
     */
    private BookingRules booking(String at, Object value) {
        if (value == null) {
            return BookingRules.NONE;
        }
        if (!(value instanceof JsonObject json)) {
            problems.add(at + ": must be an object");
            return null;
        }
        int before = problems.size();
        BookingRules d = BookingRules.NONE;
        Integer early = whole(at + ".checkInEarlyMinutes", json.getValue("checkInEarlyMinutes",
                d.checkInEarly().toMinutes()));
        Integer late = whole(at + ".checkInLateMinutes", json.getValue("checkInLateMinutes",
                d.checkInLate().toMinutes()));
        Integer perPhone = whole(at + ".maxActivePerPhone", json.getValue("maxActivePerPhone",
                d.maxActivePerPhone()));
        List<java.time.LocalDate> blackout = items(at + ".blackoutDays", json.getValue("blackoutDays",
                new JsonArray()), (p, v) -> Item.of(parse(p, v, java.time.LocalDate::parse, "a day like 2025-09-02")));
        List<BookingRules.ServiceBooking> services = objects(at + ".services", json.getValue("services",
                new JsonArray()), this::serviceBooking);
        if (problems.size() > before) {
            return null;
        }
        List<String> wrong = BookingRules.problems(Duration.ofMinutes(early), Duration.ofMinutes(late), perPhone);
        if (!wrong.isEmpty()) {
            wrong.forEach(p -> problems.add(at + ": " + p));
            return null;
        }
        try {
            return new BookingRules(Duration.ofMinutes(early), Duration.ofMinutes(late), perPhone,
                    Set.copyOf(blackout), services);
        } catch (IllegalArgumentException e) {
            problems.add(at + ".services: " + e.getMessage());
            return null;
        }
    }

    private Item<BookingRules.ServiceBooking> serviceBooking(String at, JsonObject json) {
        int before = problems.size();
        String service = segment(at + ".service", json.getValue("service"));
        Integer slot = positive(at + ".slotMinutes", json.getValue("slotMinutes"));
        Integer capacity = positive(at + ".capacity", json.getValue("capacity"));
        Integer horizon = whole(at + ".horizonDays", json.getValue("horizonDays", 14));
        Integer cutoff = whole(at + ".cutoffMinutes", json.getValue("cutoffMinutes", 60));
        List<java.time.LocalDate> blackout = items(at + ".blackoutDays", json.getValue("blackoutDays",
                new JsonArray()), (p, v) -> Item.of(parse(p, v, java.time.LocalDate::parse, "a day like 2025-09-02")));
        if (problems.size() > before) {
            return Item.none();
        }
        List<String> wrong = BookingRules.ServiceBooking.problems(Duration.ofMinutes(slot), capacity, horizon,
                Duration.ofMinutes(cutoff));
        if (!wrong.isEmpty()) {
            wrong.forEach(p -> problems.add(at + ": " + p));
            return Item.none();
        }
        return Item.of(new BookingRules.ServiceBooking(service, Duration.ofMinutes(slot), capacity, horizon,
                Duration.ofMinutes(cutoff), Set.copyOf(blackout)));
    }

    private Integer whole(String at, Object value) {
        if (!(value instanceof Number n) || n.doubleValue() != n.longValue() || n.longValue() < 0
                || n.longValue() > Integer.MAX_VALUE) {
            problems.add(at + ": must be a whole number, 0 or more");
            return null;
        }
        return n.intValue();
    }

    private Integer positive(String at, Object value) {
        if (!(value instanceof Number n) || n.intValue() <= 0 || n.doubleValue() != n.intValue()) {
            problems.add(at + ": must be a positive whole number");
            return null;
        }
        return n.intValue();
    }

    private LocalTime time(String at, Object value) {
        return parse(at, value, LocalTime::parse, "a time like 07:30");
    }

    private ZoneId zone(String at, Object value) {
        return parse(at, value, ZoneId::of, "a time zone like Asia/Ho_Chi_Minh");
    }

    private DeviceRole role(String at, Object value) {
        return parse(at, value, DeviceRole::valueOf, "one of KIOSK, COUNTER, DISPLAY, RATING_PAD");
    }

    private <T> T parse(String at, Object value, Function<String, T> parser, String expected) {
        String s = text(at, value);
        if (s == null) {
            return null;
        }
        try {
            return parser.apply(s);
        } catch (java.time.DateTimeException | IllegalArgumentException e) {
            problems.add(at + ": must be " + expected + ", got '" + s + "'");
            return null;
        }
    }
}
