package vn.onedesk.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.onedesk.engine.TestCentre.BHTN;
import static vn.onedesk.engine.TestCentre.BHXH;
import static vn.onedesk.engine.TestCentre.DAY;
import static vn.onedesk.engine.TestCentre.TP;
import static vn.onedesk.engine.TestCentre.accepted;
import static vn.onedesk.engine.TestCentre.definition;
import static vn.onedesk.engine.TestCentre.emptyQueue;
import static vn.onedesk.engine.TestCentre.local;
import static vn.onedesk.engine.TestCentre.rejected;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import vn.onedesk.engine.Command.CloseCounter;
import vn.onedesk.engine.Command.IssueTicket;
import vn.onedesk.engine.Command.OpenCounter;
import vn.onedesk.engine.ServiceStatus.State;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.centre.Session;
import vn.onedesk.engine.ticketing.Channel;
import vn.onedesk.engine.ticketing.PriorityGroup;

/**
 * What citizens are told of a service instead of an estimate that cannot come true: CLOSED outside the
 * opening hours (07:30–11:30, 13:30–17:00 in Ho Chi Minh City) with the next opening, NO_COUNTER when no open
 * counter can serve it, OPEN otherwise.
 */
class ServiceStatusTest {
    private final CentreQueue queue = emptyQueue(definition(true));

    private void open(String counter, String localTime) {
        accepted(queue.handle(new OpenCounter(counter), local(localTime)));
    }

    @Test
    void atNightTheServiceIsClosedAndOpensAtTheFirstSessionOfTheNextMorning() {
        ServiceStatus status = queue.status(TP, local("20:15"));
        assertEquals(State.CLOSED, status.state());
        assertEquals(local(DAY.plusDays(1), "07:30"), status.opensAt());
        assertFalse(status.hasEstimate());
    }

    @Test
    void beforeTheMorningSessionTheServiceOpensAtHalfPastSevenTheSameDay() {
        assertEquals(ServiceStatus.closed(local("07:30")), queue.status(TP, local("06:45")));
        assertEquals(ServiceStatus.closed(local("07:30")), queue.status(TP, local("00:00")));
    }

    @Test
    void inTheLunchBreakTheServiceIsClosedAndReopensAtHalfPastOneEvenWithCountersStillOpen() {
        open("Q01", "08:00");
        for (String time : List.of("11:30", "12:15", "13:29:59")) {
            ServiceStatus status = queue.status(TP, local(time));
            assertEquals(State.CLOSED, status.state(), time);
            assertEquals(local("13:30"), status.opensAt(), time);
        }
    }

    @Test
    void inASessionWithNoOpenCounterThatCanServeItTheServiceHasNoCounter() {
        assertEquals(ServiceStatus.NO_COUNTER, queue.status(TP, local("07:30")));
        // Q02 serves BHXH and BHTN, not TP: TP still has no counter.
        open("Q02", "07:35");
        assertEquals(ServiceStatus.NO_COUNTER, queue.status(TP, local("07:40")));
        assertEquals(ServiceStatus.OPEN, queue.status(BHTN, local("07:40")));
        assertFalse(queue.status(TP, local("07:40")).hasEstimate());
    }

    @Test
    void aServiceIsOpenWhileAnOpenCounterCanServeItAndHasNoCounterAgainOnceTheLastCloses() {
        open("Q03", "09:00"); // serves TP as its secondary service
        ServiceStatus status = queue.status(TP, local("09:01"));
        assertEquals(State.OPEN, status.state());
        assertNull(status.opensAt());
        assertTrue(status.hasEstimate());
        accepted(queue.handle(new CloseCounter("Q03"), local("09:30")));
        assertEquals(ServiceStatus.NO_COUNTER, queue.status(TP, local("09:31")));
    }

    @Test
    void theStatusAsOfTheLatestEventIsTheOneAReplyToThatEventShows() {
        open("Q01", "11:29");
        assertEquals(ServiceStatus.OPEN, queue.status(TP));
        assertEquals(ServiceStatus.NO_COUNTER, queue.status(BHXH));
    }

    @Test
    void aClosedServiceIsExactlyOneTheCentreIssuesNoTicketsFor() {
        for (String time : List.of("06:00", "07:29:59", "07:30", "11:29:59", "11:30", "13:30", "16:59:59", "17:00")) {
            boolean closed = queue.status(TP, local(time)).state() == State.CLOSED;
            Decision decision = queue.decide(new IssueTicket("t" + time, TP, PriorityGroup.NONE, Channel.WALK_IN),
                    local(time));
            assertEquals(closed, decision instanceof Decision.Rejected, time);
            if (closed) {
                assertEquals(Rejection.SERVICE_CLOSED, rejected(decision).rejection(), time);
            }
        }
    }

    @Test
    void aCentreThatIssuesTicketsAtAnyHourIsNeverClosedByTheClockButSaysWhenCountersReturn() {
        CentreQueue anyHour = emptyQueue(definition(false));
        // outside the hours: tickets are issued, nobody serves, and counters are expected at the next session
        assertEquals(ServiceStatus.noCounterUntil(local(DAY.plusDays(1), "07:30")), anyHour.status(TP, local("22:00")));
        assertEquals(ServiceStatus.noCounterUntil(local("13:30")), anyHour.status(TP, local("12:00")));
        // in the hours there is no opening to wait for
        assertEquals(ServiceStatus.NO_COUNTER, anyHour.status(TP, local("09:00")));
        accepted(anyHour.handle(new OpenCounter("Q01"), local("22:01")));
        assertEquals(ServiceStatus.OPEN, anyHour.status(TP, local("22:02")));
        // the opening time it shows changes with the clock, so the gateway is told when
        assertEquals(Optional.of(local(DAY.plusDays(1), "07:30")), anyHour.nextStatusChange(local("22:02")));
    }

    @Test
    void theStatusNextChangesByTheClockWhenASessionStartsOrEnds() {
        assertEquals(Optional.of(local("07:30")), queue.nextStatusChange(local("06:00")));
        assertEquals(Optional.of(local("11:30")), queue.nextStatusChange(local("07:30")));
        assertEquals(Optional.of(local("13:30")), queue.nextStatusChange(local("11:30")));
        assertEquals(Optional.of(local("17:00")), queue.nextStatusChange(local("16:59:59")));
        assertEquals(Optional.of(local(DAY.plusDays(1), "07:30")), queue.nextStatusChange(local("17:00")));
    }

    @Test
    void aCentreWithoutSessionsThatKeepsOpeningHoursIsClosedWithNoOpeningTime() {
        CentreDefinition base = definition(true);
        CentreDefinition noSessions = new CentreDefinition(base.id(), base.name(), base.timezone(), List.<Session>of(),
                base.services(), base.counters(), true);
        CentreQueue closed = emptyQueue(noSessions);
        Instant noon = local("12:00");
        assertEquals(ServiceStatus.closed(null), closed.status(TP, noon));
        assertEquals(Optional.empty(), closed.nextStatusChange(noon));
    }
}
