package vn.onedesk.gateway.admin;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import vn.onedesk.engine.CentreQueue;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.centre.CounterDefinition;
import vn.onedesk.engine.centre.ServiceField;
import vn.onedesk.engine.counters.CounterState;
import vn.onedesk.engine.ticketing.Ticket;
import vn.onedesk.engine.ticketing.TicketState;
import vn.onedesk.gateway.devices.DeviceStore;
import vn.onedesk.gateway.presence.PresenceTracker;
import vn.onedesk.gateway.queue.CentreRuntime;
import vn.onedesk.gateway.queue.Centres;

/**
 * What a manager watches: one centre's hall now (who is at which counter, the waiting and the longest wait per
 * service), and every centre they may see at a glance. Read on each centre's own context, never touching its queue
 * from outside.
 */
final class HallViews {
    private HallViews() {
    }

    static Future<JsonObject> live(CentreRuntime runtime, Clock clock) {
        return runtime.read(queue -> {
            Instant now = clock.instant();
            CentreDefinition centre = queue.definition();
            JsonArray counters = new JsonArray();
            for (CounterDefinition c : centre.counters()) {
                CounterState state = queue.counter(c.id()).orElse(CounterState.closed(c.id()));
                JsonObject json = new JsonObject().put("id", c.id()).put("number", c.number())
                        .put("operator", c.operator().code()).put("open", state.open())
                        .put("officer", state.boundOfficer().map(o -> new JsonObject().put("id", o.id())
                                .put("name", o.name())).orElse(null))
                        .put("ticket", state.current().flatMap(queue::ticket).map(Ticket::number).orElse(null));
                counters.add(json);
            }
            JsonArray services = new JsonArray();
            for (ServiceField s : centre.services()) {
                int waiting = queue.waiting().count(s.code());
                services.add(new JsonObject().put("code", s.code()).put("name", s.name()).put("waiting", waiting)
                        .put("longestWaitSeconds", longestWait(queue, s.code(), now).toSeconds())
                        .put("openCounters", queue.openCounters(s.code())));
            }
            return new JsonObject().put("centre", centre.id()).put("name", centre.name()).put("at", now.toString())
                    .put("counters", counters).put("services", services);
        });
    }

    private static Duration longestWait(CentreQueue queue, String service, Instant now) {
        return queue.waiting().inOrder(service)
                .filter(t -> t.state() == TicketState.WAITING)
                .map(t -> Duration.between(t.waitingSince(), now))
                .max(Duration::compareTo)
                .filter(d -> !d.isNegative())
                .orElse(Duration.ZERO);
    }

    static Future<List<JsonObject>> province(Centres centres, Pool pool, PresenceTracker presence, Clock clock,
                                             Predicate<String> visible) {
        List<CentreRuntime> seen = centres.all().stream().filter(r -> visible.test(r.centreId())).toList();
        return DeviceStore.all(pool).compose(devices -> {
            List<Future<JsonObject>> rows = new ArrayList<>();
            for (CentreRuntime runtime : seen) {
                List<DeviceStore.StoredDevice> own = devices.stream()
                        .filter(d -> d.device().centre().equals(runtime.centreId()) && d.enabled()).toList();
                long offline = own.stream().filter(d -> !presence.isOnline(d.device().id())).count();
                rows.add(runtime.read(queue -> {
                    Instant now = clock.instant();
                    CentreDefinition centre = queue.definition();
                    int waiting = 0;
                    Duration longest = Duration.ZERO;
                    for (ServiceField s : centre.services()) {
                        waiting += queue.waiting().count(s.code());
                        Duration d = longestWait(queue, s.code(), now);
                        longest = d.compareTo(longest) > 0 ? d : longest;
                    }
                    Map<String, Integer> open = new TreeMap<>();
                    for (CounterDefinition c : centre.counters()) {
                        if (queue.counter(c.id()).map(CounterState::open).orElse(false)) {
                            open.merge(c.operator().code(), 1, Integer::sum);
                        }
                    }
                    JsonObject byOperator = new JsonObject();
                    open.forEach(byOperator::put);
                    return new JsonObject().put("id", centre.id()).put("name", centre.name()).put("waiting", waiting)
                            .put("longestWaitSeconds", longest.toSeconds()).put("countersOpenByOperator", byOperator)
                            .put("devices", own.size()).put("devicesOffline", offline);
                }));
            }
            return Future.all(rows).map(all -> rows.stream().map(Future::result).toList());
        });
    }
}
