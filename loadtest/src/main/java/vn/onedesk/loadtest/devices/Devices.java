package vn.onedesk.loadtest.devices;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import vn.onedesk.protocol.JsonCodec;
import vn.onedesk.protocol.Topic;
import vn.onedesk.protocol.counters.CommandName;
import vn.onedesk.protocol.counters.CounterCommand;
import vn.onedesk.protocol.counters.CounterReply;
import vn.onedesk.protocol.ticketing.TicketRequest;
import vn.onedesk.protocol.ticketing.TicketResponse;

/** Kiosks and counter terminals as {@link Requester}s speaking protocol v1. */
public final class Devices {
    private Devices() {
    }

    public static Requester<TicketResponse> kiosk(Vertx vertx, Context lane, String runId, String centre, String kiosk) {
        return new Requester<>(vertx, lane, runId + "-" + kiosk, new Topic.TicketRequest(centre, kiosk).name(),
                new Topic.TicketResponse(centre, kiosk).name(),
                bytes -> JsonCodec.decode(bytes, TicketResponse.class).orThrow(), TicketResponse::requestId);
    }

    public static Requester<CounterReply> counter(Vertx vertx, Context lane, String runId, String centre,
                                                  String counter) {
        return new Requester<>(vertx, lane, runId + "-" + counter, new Topic.CounterCommands(centre, counter).name(),
                new Topic.CounterReplies(centre, counter).name(),
                bytes -> JsonCodec.decode(bytes, CounterReply.class).orThrow(), CounterReply::requestId);
    }

    public static byte[] command(String requestId, CommandName name, String service) {
        return JsonCodec.encode(new CounterCommand(requestId, name, name == CommandName.TRANSFER ? service : null));
    }

    public static byte[] ticket(TicketRequest request) {
        return JsonCodec.encode(request);
    }
}
