package vn.onedesk.gateway.staff;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;

/**
 * What an officer's logout does to the counter they are bound to: the counters feature closes it on their behalf,
 * through the centre's writer as the counter's own CLOSE is. Staff depends on this, not on the counters feature,
 * which itself depends on staff for PINs and passes.
 */
@FunctionalInterface
public interface CounterRelease {
    /** For a gateway without counters (and tests of login alone): nobody is ever bound. */
    CounterRelease NONE = officer -> Future.succeededFuture(List.of());

    /**
     * Closes, on the officer's behalf, the counter they are bound to at each centre of the gateway (one at most per
     * centre; the centres are searched whatever roles the account holds now, so that a role taken away while the
     * officer was at a counter does not leave it bound). A counter that holds a ticket is not closed: it stays
     * open with its ticket and its officer. Fails only when a centre cannot decide now (its queue is reloading,
     * or the database is down).
     */
    Future<List<Released>> release(String officer);

    /**
     * A counter the officer was bound to, after the logout's CLOSE.
     *
     * @param open        false: closed and the officer unbound; true: it holds a ticket, so it stays open with it
     *                    and with the officer bound
     * @param ticket      the number of the ticket at it while it stays open
     * @param ticketState CALLED or SERVING, with {@code ticket}
     */
    record Released(String centre, String counter, int number, boolean open, Optional<String> ticket,
                    Optional<String> ticketState) {

        /** Part of the logout's answer. */
        public JsonObject toJson(String officer) {
            JsonObject json = new JsonObject().put("centre", centre).put("id", counter).put("number", number)
                    .put("open", open);
            ticket.ifPresent(t -> json.put("ticket", t));
            ticketState.ifPresent(s -> json.put("ticketState", s));
            if (open) {
                json.put("officer", officer).put("detail", "counter " + counter + " still holds ticket "
                        + ticket.orElse("?") + ", so it stays open with it, and with " + officer + " bound, until the"
                        + " ticket is completed, transferred or marked no-show and the counter is closed");
            }
            return json;
        }
    }
}
