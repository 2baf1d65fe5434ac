package vn.onedesk.gateway.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.onedesk.engine.simulation.BookingEffect;
import vn.onedesk.engine.simulation.DaySimulator;

/**
 * What booked slots do to walk-ins, measured on the same seeded citizens with their bookings served and as if nobody
 * had booked: deterministic per seed, no effect without bookings, booked citizens who never come drawn at their share,
 * and under the balanced policy (the one that serves appointments near their slot) walk-ins wait longer for it.
 */
class BookingEffectTest {
    private static JsonObject simulate(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = SimulateCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertEquals(0, exit, out.toString(StandardCharsets.UTF_8));
        return new JsonObject(out.toString(StandardCharsets.UTF_8));
    }

    private static JsonObject balanced(JsonObject report) {
        JsonArray bookings = report.getJsonArray("bookings");
        assertEquals(1, bookings.size(), report.encode());
        return bookings.getJsonObject(0);
    }

    @Test
    void bookedCitizensServedNearTheirSlotMakeWalkInsWaitLongerThanTheSameDayWithoutBookings() {
        JsonObject b = balanced(simulate("--scenario", "provincial-centre", "--runs", "3", "--policy", "balanced",
                "--bookings", "--format", "json"));
        assertTrue(b.getDouble("booked") > 30, b.encode());
        assertTrue(b.getDouble("walkInMeanWaitMinutes") > b.getDouble("walkInMeanWaitWithoutBookingsMinutes"),
                "the appointment lane goes first near the slot: " + b.encode());
        assertTrue(Math.abs(b.getDouble("bookedMeanMinutesFromSlotToCall")) < 15, "served near the slot: " + b.encode());
        assertEquals(b, balanced(simulate("--scenario", "provincial-centre", "--runs", "3", "--policy", "balanced",
                "--bookings", "--format", "json")), "the same seeds, the same figures");
    }

    @Test
    void theTableNamesEachServicesSuggestedSlotCapacityAsTheAdminScreenDoes() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, SimulateCommand.run(List.of("--scenario", "provincial-centre", "--runs", "1", "--policy",
                "balanced", "--bookings"), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
        String table = out.toString(StandardCharsets.UTF_8);
        vn.onedesk.engine.centre.CentreDefinition centre = BuiltInScenarios.read("provincial-centre").centre();
        int tp = vn.onedesk.engine.centre.BookingCalendar.suggestedCapacity(centre, "TP", java.time.Duration.ofMinutes(30));
        assertTrue(tp > 0);
        assertTrue(table.contains("Suggested capacity of a 30-minute slot") && table.contains(" TP " + tp + " "), table);
    }

    @Test
    void bookedNoShowsAreDrawnAtTheirShareAndTakeNoTicket() throws Exception {
        DaySimulator simulator = new DaySimulator(BuiltInScenarios.read("provincial-centre"));
        BookingEffect none = BookingEffect.measure(simulator, "balanced", 5, 1, 0);
        BookingEffect half = BookingEffect.measure(simulator, "balanced", 5, 1, 0.5);
        assertEquals(0, none.bookedNoShows());
        double drawn = none.booked();
        assertEquals(drawn, half.booked() + half.bookedNoShows(), 1e-9, "each booked citizen comes or does not");
        assertTrue(half.bookedNoShows() > 0.3 * drawn && half.bookedNoShows() < 0.7 * drawn, half.toString());
    }

    @Test
    void withoutBookingsTheTwoDaysAreTheSame(@TempDir Path dir) throws Exception {
        Path scenario = dir.resolve("no-bookings.json");
        String json = Files.readString(Path.of("src/main/resources/scenarios/commune-desk.json"));
        Files.writeString(scenario, json.replaceFirst("\"appointmentShare\": *[0-9.]+", "\"appointmentShare\": 0"));
        JsonObject b = balanced(simulate("--scenario", scenario.toString(), "--runs", "3", "--policy", "balanced",
                "--bookings", "--format", "json"));
        assertEquals(0, b.getDouble("booked"));
        assertEquals(b.getDouble("walkInMeanWaitMinutes"), b.getDouble("walkInMeanWaitWithoutBookingsMinutes"));
        assertEquals(b.getDouble("walkInP90WaitMinutes"), b.getDouble("walkInP90WaitWithoutBookingsMinutes"));
    }

    @Test
    void aBookedNoShowShareOutsideZeroToOneIsAUsageError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = SimulateCommand.run(List.of("--scenario", "commune-desk", "--bookings", "--booked-no-show", "1.5"),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(64, exit);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--booked-no-show: must be a share from 0 to 1"),
                err.toString(StandardCharsets.UTF_8));
    }
}
