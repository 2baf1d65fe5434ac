package vn.onedesk.gateway.simulation;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.centre.ServiceField;
import vn.onedesk.engine.centre.Session;
import vn.onedesk.engine.simulation.Demand;
import vn.onedesk.engine.simulation.Scenario;
import vn.onedesk.engine.simulation.ServiceTime;
import vn.onedesk.gateway.config.CentreConfigReader;

/**
 * Reads an {@code onedesk-scenario/1} file into the engine's {@link Scenario}, collecting every
 * problem with its path ({@code demand.serviceMix.TP: ...}) instead of stopping at the first.
 *
 * <p>The centre is read as the gateway's own configuration reads a centre, plus each counter's
 * optional {@code sessions}. Each service's expected service time (the estimators' prior) is the
 * scenario's mean service time, and kiosks issue tickets at any hour unless the centre says
 * {@code ticketsOnlyInSessions: true}: citizens queue before opening and over lunch.
 */
public final class ScenarioReader {
    public static final String SCHEMA = "onedesk-scenario/1";

    private final List<String> problems = new ArrayList<>();

    private ScenarioReader() {
    }

    public static Scenario read(Path file) throws ScenarioException {
        String source = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new ScenarioException(source, List.of("no such file"));
        }
        try {
            return parse(source, Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ScenarioException(source, List.of("cannot read it: " + e.getMessage()));
        }
    }

    /** @param source names the text in messages, such as its file name */
    public static Scenario parse(String source, String json) throws ScenarioException {
        JsonObject root;
        try {
            root = new JsonObject(json);
        } catch (DecodeException e) {
            throw new ScenarioException(source, List.of("not a JSON object: " + e.getMessage()));
        }
        ScenarioReader reader = new ScenarioReader();
        Scenario scenario = reader.scenario(root);
        if (!reader.problems.isEmpty()) {
            throw new ScenarioException(source, reader.problems);
        }
        return scenario;
    }

    private Scenario scenario(JsonObject root) {
        if (!SCHEMA.equals(root.getValue("schema"))) {
            problems.add("schema: must be \"" + SCHEMA + "\", got " + quoted(root.getValue("schema")));
        }
        String name = text("name", root.getValue("name"));
        Object description = root.getValue("description");
        JsonObject centreJson = object("centre", root.getValue("centre"));
        CentreDefinition centre = centreJson == null ? null : CentreConfigReader.centre("centre", centreJson, problems);
        Map<String, List<Session>> counterSessions = centreJson == null ? Map.of() : counterSessions(centreJson);
        Object onlyInSessions = centreJson == null ? Boolean.FALSE : centreJson.getValue("ticketsOnlyInSessions", false);
        if (!(onlyInSessions instanceof Boolean)) {
            problems.add("centre.ticketsOnlyInSessions: must be true or false");
        }
        Demand demand = demand(object("demand", root.getValue("demand")));
        Map<String, ServiceTime> times = serviceTimes(object("serviceTimeSeconds", root.getValue("serviceTimeSeconds")));
        if (!problems.isEmpty() || centre == null || demand == null) {
            return null;
        }
        try {
            return new Scenario(name, description instanceof String d ? d : "",
                    withScenarioHours(centre, times, (Boolean) onlyInSessions), counterSessions, demand, times);
        } catch (Scenario.InvalidScenarioException e) {
            problems.addAll(e.problems());
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        return null;
    }

    /** The centre as configured, with the scenario's mean service times as priors and its ticket hours. */
    private static CentreDefinition withScenarioHours(CentreDefinition centre, Map<String, ServiceTime> times,
                                                      boolean ticketsOnlyInSessions) {
        List<ServiceField> services = centre.services().stream()
                .map(s -> times.containsKey(s.code())
                        ? new ServiceField(s.code(), s.name(), s.prefix(), s.servedBy(), s.targetWait(),
                        times.get(s.code()).mean())
                        : s)
                .toList();
        return new CentreDefinition(centre.id(), centre.name(), centre.timezone(), centre.sessions(), services,
                centre.counters(), ticketsOnlyInSessions, centre.showOfficerName(), centre.rules());
    }

    private Map<String, List<Session>> counterSessions(JsonObject centre) {
        Map<String, List<Session>> sessions = new LinkedHashMap<>();
        if (!(centre.getValue("counters") instanceof JsonArray counters)) {
            return sessions; // reported by the centre reader
        }
        for (int i = 0; i < counters.size(); i++) {
            if (counters.getValue(i) instanceof JsonObject counter && counter.getValue("sessions") != null
                    && counter.getValue("id") instanceof String id) {
                String at = "centre.counters[" + i + "].sessions";
                if (!(counter.getValue("sessions") instanceof JsonArray list) || list.isEmpty()) {
                    problems.add(at + ": must be a list of at least one {\"from\", \"to\"}");
                    continue;
                }
                List<Session> own = new ArrayList<>();
                for (int j = 0; j < list.size(); j++) {
                    Session s = session(at + "[" + j + "]", list.getValue(j));
                    if (s != null) {
                        own.add(s);
                    }
                }
                sessions.put(id, own);
            }
        }
        return sessions;
    }

    private Session session(String at, Object value) {
        if (!(value instanceof JsonObject json)) {
            problems.add(at + ": must be an object {\"from\", \"to\"}");
            return null;
        }
        LocalTime from = time(at + ".from", json.getValue("from"));
        LocalTime to = time(at + ".to", json.getValue("to"));
        if (from == null || to == null) {
            return null;
        }
        if (!from.isBefore(to)) {
            problems.add(at + ": 'to' must be after 'from'");
            return null;
        }
        return new Session(from, to);
    }

    private Demand demand(JsonObject json) {
        if (json == null) {
            return null;
        }
        int before = problems.size();
        Double visits = number("demand.visitsPerDay", json.getValue("visitsPerDay"), 0, Double.MAX_VALUE, false);
        Map<Integer, Double> hours = new LinkedHashMap<>();
        shares("demand.arrivalShareByHour", json.getValue("arrivalShareByHour")).forEach((hour, share) -> {
            if (hour.matches("\\d{1,2}") && Integer.parseInt(hour) < 24) {
                hours.put(Integer.parseInt(hour), share);
            } else {
                problems.add("demand.arrivalShareByHour." + hour + ": must be a clock hour \"00\" to \"23\"");
            }
        });
        Map<String, Double> mix = shares("demand.serviceMix", json.getValue("serviceMix"));
        Double priority = share("demand.priorityShare", json.getValue("priorityShare"));
        Double appointments = share("demand.appointmentShare", json.getValue("appointmentShare"));
        Double noShows = share("demand.noShowShare", json.getValue("noShowShare"));
        List<Demand.Transfer> transfers = transfers(json.getValue("transfers", new JsonArray()));
        Object seed = json.getValue("seed", 1);
        if (!(seed instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            problems.add("demand.seed: must be a whole number, got " + quoted(seed));
        }
        if (problems.size() > before) {
            return null;
        }
        try {
            return new Demand(visits, hours, mix, priority, appointments, noShows, transfers,
                    ((Number) seed).longValue());
        } catch (Scenario.InvalidScenarioException e) {
            problems.addAll(e.problems());
        }
        return null;
    }

    private List<Demand.Transfer> transfers(Object value) {
        List<Demand.Transfer> transfers = new ArrayList<>();
        if (!(value instanceof JsonArray list)) {
            problems.add("demand.transfers: must be a list");
            return transfers;
        }
        for (int i = 0; i < list.size(); i++) {
            String at = "demand.transfers[" + i + "]";
            if (!(list.getValue(i) instanceof JsonObject t)) {
                problems.add(at + ": must be an object {\"from\", \"to\", \"share\"}");
                continue;
            }
            String from = text(at + ".from", t.getValue("from"));
            String to = text(at + ".to", t.getValue("to"));
            Double share = share(at + ".share", t.getValue("share"));
            if (from != null && to != null && share != null) {
                if (from.equals(to)) {
                    problems.add(at + ": a transfer must go to another service");
                } else {
                    transfers.add(new Demand.Transfer(from, to, share));
                }
            }
        }
        return transfers;
    }

    private Map<String, ServiceTime> serviceTimes(JsonObject json) {
        Map<String, ServiceTime> times = new LinkedHashMap<>();
        if (json == null) {
            return times;
        }
        for (String service : json.fieldNames()) {
            String at = "serviceTimeSeconds." + service;
            if (!(json.getValue(service) instanceof JsonObject t)) {
                problems.add(at + ": must be an object {\"distribution\": \"lognormal\", \"meanSeconds\", \"cv\"}");
                continue;
            }
            if (!"lognormal".equals(t.getValue("distribution"))) {
                problems.add(at + ".distribution: only \"lognormal\" is supported, got "
                        + quoted(t.getValue("distribution")));
            }
            Double mean = number(at + ".meanSeconds", t.getValue("meanSeconds"), 0, Double.MAX_VALUE, false);
            Double cv = number(at + ".cv", t.getValue("cv"), 0, Double.MAX_VALUE, true);
            if (mean != null && cv != null) {
                times.put(service, new ServiceTime(mean, cv));
            }
        }
        return times;
    }

    // --- small typed readers, each recording a problem and returning null on failure ---

    private Map<String, Double> shares(String at, Object value) {
        Map<String, Double> shares = new LinkedHashMap<>();
        if (!(value instanceof JsonObject json)) {
            problems.add(at + ": must be an object of shares, such as {\"TP\": 0.3, ...}");
            return shares;
        }
        for (String key : json.fieldNames()) {
            Double share = share(at + "." + key, json.getValue(key));
            if (share != null) {
                shares.put(key, share);
            }
        }
        return shares;
    }

    private Double share(String at, Object value) {
        return number(at, value, 0, 1, true);
    }

    private Double number(String at, Object value, double min, double max, boolean minIncluded) {
        if (!(value instanceof Number n)) {
            problems.add(at + ": must be a number, got " + quoted(value));
            return null;
        }
        double d = n.doubleValue();
        if (Double.isNaN(d) || d > max || d < min || (!minIncluded && d == min)) {
            String range = max == 1 ? "a share from 0 to 1" : minIncluded ? "zero or more" : "more than zero";
            problems.add(at + ": must be " + range + ", got " + value);
            return null;
        }
        return d;
    }

    private String text(String at, Object value) {
        if (!(value instanceof String s) || s.isBlank()) {
            problems.add(at + ": required text is missing");
            return null;
        }
        return s;
    }

    private JsonObject object(String at, Object value) {
        if (!(value instanceof JsonObject o)) {
            problems.add(at + ": must be an object");
            return null;
        }
        return o;
    }

    private LocalTime time(String at, Object value) {
        if (value instanceof String s) {
            try {
                return LocalTime.parse(s);
            } catch (DateTimeException e) {
                // reported below
            }
        }
        problems.add(at + ": must be a time like 07:30, got " + quoted(value));
        return null;
    }

    private static String quoted(Object value) {
        return value == null ? "nothing" : value instanceof String s ? "'" + s + "'" : String.valueOf(value);
    }
}
