package vn.onedesk.gateway.counters;

import vn.onedesk.engine.Command;
import vn.onedesk.engine.ticketing.Dossiers;
import vn.onedesk.engine.ticketing.Ticket;
import vn.onedesk.protocol.counters.CounterCommand;
import vn.onedesk.protocol.ticketing.TicketView;

/**
 * The counter command fields of issue 14's counter operations (REQUEUE's {@code ticket}, TRANSFER's {@code toCounter},
 * {@code toOfficer} and {@code note}) as the engine and the replies take them, apart from {@link CounterDesk}.
 */
final class CounterOperations {
    private CounterOperations() {
    }

    /** What these fields add to a command's fingerprint: a retry must name the same ticket, target and note. */
    static String fingerprint(CounterCommand command) {
        if (command.ticket() == null && command.toCounter() == null && command.toOfficer() == null
                && command.note() == null) {
            return "";
        }
        return "|ticket=" + command.ticket() + "|toCounter=" + command.toCounter() + "|toOfficer="
                + command.toOfficer() + "|note=" + command.note();
    }

    static Command.Transfer transfer(String counter, CounterCommand command, Dossiers dossiers) {
        return new Command.Transfer(counter, command.service(), command.toCounter(), command.toOfficer(),
                command.note(), dossiers);
    }

    /** The ticket as a counter terminal sees it: with the note the transferring officer left, if any. */
    static TicketView withNote(TicketView view, Ticket ticket) {
        return ticket.handover() == null || ticket.handover().note() == null ? view
                : view.withNote(ticket.handover().note());
    }
}
