package vn.onedesk.gateway.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static vn.onedesk.gateway.reports.DayAggregatorTest.CENTRE;
import static vn.onedesk.gateway.reports.DayAggregatorTest.DAY;
import static vn.onedesk.gateway.reports.DayAggregatorTest.counter;
import static vn.onedesk.gateway.reports.DayAggregatorTest.service;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.onedesk.engine.Event;
import vn.onedesk.gateway.reports.DailyReport.Visits;
import vn.onedesk.gateway.reports.DayAggregatorTest.Hall;

/**
 * How the rows of issue 14 are read, row by row, without a database: real engine events (as {@link StoredRow}s, the
 * gateway's own payloads) with the rows the rating pad, the dossier fields and the counter commands store between
 * them. The edges: a late rating, a rating whose row lacks keys, dossiers at a transfer, a re-queue at the kiosk, a
 * parked ticket expiring without a counter, malformed and unknown rows.
 */
class VisitRowsTest {

    /** The hall's engine events and the rows added among them, in order, read into the day's report. */
    private static final class Rows {
        final Hall hall = new Hall();
        final List<StoredRow> rows = new ArrayList<>();
        private int taken;

        /** The engine events the hall made since the last call, as the gateway stores them. */
        Rows engine() {
            List<Event> events = hall.events;
            for (; taken < events.size(); taken++) {
                rows.add(StoredRow.of(events.get(taken)));
            }
            return this;
        }

        Rows row(String type, String ticket, String counter, JsonObject payload, Instant at) {
            engine();
            rows.add(new StoredRow(type, ticket, counter, payload.put("at", at.toString()), at));
            return this;
        }

        /** Adds to the payload of the last engine event of this type and ticket. */
        Rows patch(String type, String ticket, JsonObject more) {
            engine();
            for (int i = rows.size() - 1; i >= 0; i--) {
                StoredRow r = rows.get(i);
                if (r.type().equals(type) && ticket.equals(r.ticketId())) {
                    rows.set(i, new StoredRow(r.type(), r.ticketId(), r.counter(), r.payload().copy().mergeIn(more),
                            r.at()));
                    return this;
                }
            }
            throw new AssertionError("no " + type + " of " + ticket);
        }

        DailyReport report() {
            engine();
            DayAggregator day = DayAggregator.of(CENTRE, DAY);
            rows.forEach(day.legs()::read);
            return day.report(hall.now.plus(Duration.ofDays(3)));
        }
    }

    private static JsonObject rating(int score, String source) {
        return new JsonObject().put("score", score).put("source", source);
    }

    @Test
    void aRatingCountsWithin25HoursOfItsCompletionForTheCompletionsServiceAndCounterWhenItsRowDoesNotNameThem() {
        Rows r = new Rows();
        String a = r.hall.issue("TP");
        String b = r.hall.issue("TP");
        r.hall.call("Q01").complete("Q01").call("Q01").complete("Q01");
        Instant done = r.hall.now;
        // No service, no counter, no officer in the row: the completion's.
        r.row("ServiceRated", a, null, rating(4, "PHONE"), done.plus(Duration.ofHours(23)));
        r.row("ServiceRated", b, "Q01", rating(1, "PHONE"), done.plus(Duration.ofHours(26)));

        DailyReport report = r.report();
        Visits q01 = counter(report, "Q01").figures().visits();
        assertEquals(List.of(0, 0, 0, 1, 0), q01.byScore(), "23 h after: counted; 26 h after: passed over");
        assertEquals(1, q01.byPhone());
        assertEquals(List.of(0, 0, 0, 1, 0), service(report, "TP").figures().visits().byScore());
        assertEquals(List.of(0, 0, 0, 1, 0), report.totals().visits().byScore());
    }

    @Test
    void dossiersGivenAtATransferCountForTheServiceOfTheLegItEndedAndTheCounterThatGaveThem() {
        Rows r = new Rows();
        String a = r.hall.issue("TP");
        r.hall.call("Q01").transfer("Q01", "GT");
        r.patch("TicketTransferred", a, new JsonObject().put("dossiers", new JsonArray().add("D-1").add("D-2")
                .add("D-1")).put("returnByPost", true));
        r.hall.at(10).call("Q02").complete("Q02");
        r.patch("ServiceCompleted", a, new JsonObject().put("dossiers", "D-3").put("returnByPost", "yes"));

        DailyReport report = r.report();
        Visits tp = service(report, "TP").figures().visits();
        assertEquals(List.of(2, 2), List.of(tp.dossiers(), tp.returnedByPost()), "each code once");
        assertEquals(2, counter(report, "Q01").figures().visits().dossiers());
        assertEquals(0, service(report, "GT").figures().visits().dossiers(), "not a list of codes: nothing");
        assertEquals(0, counter(report, "Q02").figures().visits().resultsCollected());
    }

    @Test
    void aNoShowRequeuedAtTheKioskIsBackInItsServicesQueueAndItsLaterServiceCounts() {
        Rows r = new Rows();
        String a = r.hall.issue("TP");
        r.hall.call("Q01").noShow("Q01");
        r.row("TicketRequeued", a, null, new JsonObject(), r.hall.now.plusSeconds(60));
        Instant later = r.hall.now.plusSeconds(120);
        r.row("TicketCalled", a, "Q01", new JsonObject().put("callSeq", 99).put("recall", false)
                .put("reason", "requeued"), later);
        r.row("ServiceCompleted", a, "Q01", new JsonObject(), later.plusSeconds(300));

        DailyReport report = r.report();
        DailyReport.Figures tp = service(report, "TP").figures();
        assertEquals(List.of(1, 1, 1, 2, 0), List.of(tp.visits().requeued(), tp.noShows(), tp.served(), tp.calls(),
                tp.unfinished().orElseThrow()), "requeued, no-shows, served, calls, unfinished");
        assertEquals(0, counter(report, "Q01").figures().visits().requeued(), "at the kiosk: no counter's");
        assertEquals(1, tp.waits(), "one wait, at its first call");
    }

    @Test
    void aParkedTicketThatExpiresWithoutACounterIsANoShowWhereItWasCalledAndParked() {
        Rows r = new Rows();
        String a = r.hall.issue("GT");
        r.hall.call("Q02");
        r.row("TicketParked", a, "Q02", new JsonObject().put("reason", "photo"), r.hall.now.plusSeconds(30));
        r.row("TicketNoShow", a, null, new JsonObject().put("expired", true), r.hall.now.plusSeconds(900));

        DailyReport report = r.report();
        DailyReport.Figures q02 = counter(report, "Q02").figures();
        assertEquals(List.of(1, 1), List.of(q02.visits().parked(), q02.noShows()));
        assertEquals(0, service(report, "GT").figures().unfinished().orElseThrow());
    }

    @Test
    void malformedAndUnknownRowsArePassedOver() {
        Rows r = new Rows();
        String a = r.hall.issue("TP");
        r.patch("TicketIssued", a, new JsonObject().put("dossier", 42));
        r.hall.call("Q01");
        r.patch("TicketCalled", a, new JsonObject().put("outOfOrder", "true"));
        r.hall.complete("Q01");
        Instant at = r.hall.now.plusSeconds(10);
        r.row("ServiceRated", a, "Q01", new JsonObject().put("score", "five"), at);
        r.row("ServiceRated", a, "Q01", new JsonObject().put("score", 4.5), at);
        r.row("ServiceRated", "no-such-ticket", "Q01", rating(5, "PAD"), at);
        r.row("SomethingNewer", a, "Q01", new JsonObject().put("score", 5), at);
        r.row("ServiceRated", a, "Q01", rating(0, "PAD"), at);

        DailyReport report = r.report();
        assertEquals(Visits.NONE, report.totals().visits(), "nothing of issue 14 counts");
        assertEquals(1, report.totals().served());
    }
}
