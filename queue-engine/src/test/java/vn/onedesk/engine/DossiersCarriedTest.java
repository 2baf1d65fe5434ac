package vn.onedesk.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static vn.onedesk.engine.TestCentre.definition;
import static vn.onedesk.engine.TestCentre.emptyQueue;
import static vn.onedesk.engine.TestCentre.local;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.onedesk.engine.Command.CallNext;
import vn.onedesk.engine.Command.CompleteService;
import vn.onedesk.engine.Command.IssueTicket;
import vn.onedesk.engine.Command.OpenCounter;
import vn.onedesk.engine.Command.Transfer;
import vn.onedesk.engine.Event.ServiceCompleted;
import vn.onedesk.engine.Event.TicketIssued;
import vn.onedesk.engine.Event.TicketTransferred;
import vn.onedesk.engine.ticketing.Channel;
import vn.onedesk.engine.ticketing.Dossiers;
import vn.onedesk.engine.ticketing.PriorityGroup;

/**
 * The engine carries dossiers from the command to its event and decides nothing about them: the same calls, the
 * same order, whatever dossiers the tickets carry.
 */
class DossiersCarriedTest {
    private final CentreQueue queue = emptyQueue(definition(false));
    private Instant now = local("08:00");

    private Event only(Command command) {
        now = now.plusSeconds(60);
        Decision decision = queue.handle(command, now);
        List<Event> events = assertInstanceOf(Decision.Accepted.class, decision, decision::toString).events();
        assertEquals(1, events.size(), events::toString);
        return events.get(0);
    }

    @Test
    void theKiosksDossierIsOnTheIssuedEventAndTheCountersDossiersOnTheCompletionAndTheTransfer() {
        TicketIssued collecting = assertInstanceOf(TicketIssued.class, only(new IssueTicket("t1", "TP",
                PriorityGroup.NONE, Channel.WALK_IN, null, "000.00.24.H12-241203-0001")));
        assertEquals("000.00.24.H12-241203-0001", collecting.dossier());
        TicketIssued plain = assertInstanceOf(TicketIssued.class, only(new IssueTicket("t2", "TP",
                PriorityGroup.NONE, Channel.WALK_IN)));
        assertNull(plain.dossier());

        only(new OpenCounter("Q01"));
        assertEquals("t1", only(new CallNext("Q01")).ticketId(), "a dossier does not change the order");
        Dossiers received = new Dossiers(List.of("H12-0001", "H12-0002"), true);
        ServiceCompleted completed = assertInstanceOf(ServiceCompleted.class,
                only(new CompleteService("Q01", received)));
        assertEquals(received, completed.dossiers());

        only(new CallNext("Q01"));
        Dossiers leg = new Dossiers(List.of("BHXH-2025/000123"), false);
        TicketTransferred transferred = assertInstanceOf(TicketTransferred.class,
                only(new Transfer("Q01", "BHXH", leg)));
        assertEquals(leg, transferred.dossiers());
        assertEquals("TP", transferred.fromService());
    }

    @Test
    void aCommandWithoutDossiersMakesAnEventWithout() {
        only(new IssueTicket("t1", "TP", PriorityGroup.NONE, Channel.WALK_IN));
        only(new OpenCounter("Q01"));
        only(new CallNext("Q01"));
        assertNull(assertInstanceOf(ServiceCompleted.class, only(new CompleteService("Q01"))).dossiers());
        assertNull(Dossiers.of(List.of(), true), "no codes, no Dossiers");
    }
}
