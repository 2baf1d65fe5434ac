package vn.onedesk.gateway.simulation;

import static vn.onedesk.gateway.simulation.Numbers.rounded;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import vn.onedesk.engine.centre.ServiceField;
import vn.onedesk.engine.simulation.Counts;
import vn.onedesk.engine.simulation.DayResult;
import vn.onedesk.engine.simulation.EstimatorScore;
import vn.onedesk.engine.simulation.Figures;
import vn.onedesk.engine.simulation.SimulationResult;
import vn.onedesk.engine.simulation.WaitFigures;

/**
 * The report as one JSON document. Minutes have two decimals, shares four; a figure that does not
 * exist (no ticket of that kind) is null.
 */
final class JsonReport {
    private JsonReport() {
    }

    static JsonObject render(SimulationReport report) {
        JsonArray policies = new JsonArray();
        report.results().forEach(r -> policies.add(policy(report, r)));
        return new JsonObject()
                .put("scenario", report.scenario().name())
                .put("centre", new JsonObject().put("id", report.scenario().centre().id())
                        .put("name", report.scenario().centre().name()))
                .put("runs", report.runs())
                .put("firstSeed", report.firstSeed())
                .put("lastSeed", report.lastSeed())
                .put("aggregation", SimulationReport.AGGREGATION)
                .put("estimatorNames", new JsonArray(report.estimators()))
                .put("policies", policies)
                .put("bookings", bookings(report));
    }

    private static JsonArray bookings(SimulationReport report) {
        JsonArray all = new JsonArray();
        for (vn.onedesk.engine.simulation.BookingEffect b : report.bookings()) {
            all.add(new JsonObject().put("policy", b.policy()).put("booked", b.booked())
                    .put("bookedNoShows", b.bookedNoShows()).put("walkInMeanWaitMinutes", b.walkInMeanWaitMinutes())
                    .put("walkInMeanWaitWithoutBookingsMinutes", b.walkInMeanWaitWithoutBookings())
                    .put("walkInP90WaitMinutes", b.walkInP90WaitMinutes())
                    .put("walkInP90WaitWithoutBookingsMinutes", b.walkInP90WaitWithoutBookings())
                    .put("bookedMeanMinutesFromSlotToCall", b.bookedMeanMinutesFromSlotToCall()));
        }
        return all;
    }

    private static JsonObject policy(SimulationReport report, SimulationResult result) {
        Figures f = result.figures();
        JsonObject services = new JsonObject();
        for (ServiceField s : report.services()) {
            Figures.ServiceFigures sf = f.services().get(s.code());
            JsonObject service = new JsonObject()
                    .put("name", s.name())
                    .put("targetWaitMinutes", rounded(s.targetWait().toSeconds() / 60.0, 2));
            waits(service, sf.waits());
            counts(service, sf.counts());
            service.put("meanWaitAfterTransferMinutes", rounded(sf.afterTransfer().meanMinutes(), 2));
            services.put(s.code(), service);
        }
        JsonObject estimators = new JsonObject();
        f.estimators().forEach((name, score) -> estimators.put(name,
                estimator(score).put("whileOpen", estimator(f.estimatorsWhileOpen().get(name)))));
        JsonArray days = new JsonArray();
        for (DayResult day : result.days()) {
            JsonObject d = new JsonObject().put("seed", day.seed());
            waits(d, day.figures().overall());
            d.put("ticketsCalled", day.figures().overall().tickets());
            counts(d, day.figures().counts());
            days.add(d);
        }
        JsonObject policy = new JsonObject().put("policy", result.policy());
        waits(policy, f.overall());
        policy.put("pooledP90WaitMinutes", rounded(result.pooledP90Minutes(), 2));
        JsonObject perDay = new JsonObject();
        counts(perDay, f.counts());
        return policy
                .put("ticketsPerDay", perDay)
                .put("services", services)
                .put("utilisationByOperator", shares(f.utilisationByOperator()))
                .put("utilisationByCounter", shares(f.utilisationByCounter()))
                .put("estimators", estimators)
                .put("days", days);
    }

    private static void waits(JsonObject into, WaitFigures w) {
        into.put("meanWaitMinutes", rounded(w.meanMinutes(), 2))
                .put("p90WaitMinutes", rounded(w.p90Minutes(), 2))
                .put("maxWaitMinutes", rounded(w.maxMinutes(), 2))
                .put("overTargetShare", rounded(w.overTargetShare(), 4));
    }

    private static void counts(JsonObject into, Counts c) {
        into.put("issued", rounded(c.issued(), 2))
                .put("served", rounded(c.served(), 2))
                .put("noShows", rounded(c.noShows(), 2))
                .put("waitingAtClose", rounded(c.waitingAtClose(), 2))
                .put("refused", rounded(c.refused(), 2))
                .put("transfersIn", rounded(c.transfersIn(), 2));
    }

    private static JsonObject estimator(EstimatorScore s) {
        return new JsonObject()
                .put("maeMinutes", rounded(s.maeMinutes(), 2))
                .put("rmseMinutes", rounded(s.rmseMinutes(), 2))
                .put("insideBandShare", rounded(s.insideBandShare(), 4))
                .put("meanBandWidthMinutes", rounded(s.meanBandWidthMinutes(), 2))
                .put("tickets", s.tickets());
    }

    private static JsonObject shares(Map<String, Double> shares) {
        JsonObject json = new JsonObject();
        shares.forEach((k, v) -> json.put(k, rounded(v, 4)));
        return json;
    }
}
