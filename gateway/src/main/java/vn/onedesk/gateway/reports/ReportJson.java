package vn.onedesk.gateway.reports;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Optional;
import vn.onedesk.gateway.reports.DailyReport.CounterLine;
import vn.onedesk.gateway.reports.DailyReport.Figures;
import vn.onedesk.gateway.reports.DailyReport.OperatorLine;
import vn.onedesk.gateway.reports.DailyReport.ServiceLine;
import vn.onedesk.gateway.reports.DailyReport.Visits;

/**
 * The report as JSON for people and scripts alike: names in Vietnamese as configured, every duration
 * both in minutes to one decimal (to read) and in seconds to the millisecond (to compute with), and
 * null where a figure has nothing to measure (no wait, no completed service).
 */
public final class ReportJson {
    private ReportJson() {
    }

    public static JsonObject render(DailyReport r) {
        JsonArray services = new JsonArray();
        for (ServiceLine s : r.services()) {
            JsonObject line = new JsonObject().put("service", s.code()).put("name", s.name())
                    .put("targetWaitMinutes", s.target() == null ? null : Numbers.minutes(s.target()));
            figures(line, s.figures());
            JsonArray split = new JsonArray();
            s.byOperator().forEach(o -> split.add(operator(o)));
            services.add(line.put("byOperator", split));
        }
        JsonArray operators = new JsonArray();
        r.operators().forEach(o -> operators.add(operator(o)));
        JsonArray counters = new JsonArray();
        for (CounterLine c : r.counters()) {
            JsonObject line = new JsonObject().put("counter", c.counter()).put("number", c.number())
                    .put("operator", c.operator() == null ? null : c.operator().code());
            counters.add(figures(line, c.figures()));
        }
        return new JsonObject()
                .put("centre", r.centre())
                .put("centreName", r.centreName())
                .put("date", r.date().toString())
                .put("timezone", r.timezone().getId())
                .put("generatedAt", r.generatedAt().toString())
                .put("dayOver", r.dayOver())
                .put("totals", figures(new JsonObject(), r.totals()))
                .put("services", services)
                .put("operators", operators)
                .put("counters", counters);
    }

    private static JsonObject operator(OperatorLine o) {
        return figures(new JsonObject().put("operator", o.operator().code()).put("counters", o.counters()),
                o.figures());
    }

    /** A line's figures, put into the line's object; the reports over a period write theirs the same way. */
    static JsonObject figures(JsonObject into, Figures f) {
        f.issued().ifPresent(n -> into.put("issued", n));
        f.transferredIn().ifPresent(n -> into.put("transferredIn", n));
        into.put("calls", f.calls()).put("recalls", f.recalls()).put("served", f.served())
                .put("noShows", f.noShows()).put("transferredOut", f.transferredOut());
        f.unfinished().ifPresent(n -> into.put("unfinished", n));
        JsonObject wait = new JsonObject().put("tickets", f.waits());
        duration(wait, "mean", f.meanWait());
        duration(wait, "p90", f.p90Wait());
        wait.put("overTarget", f.overTarget())
                .put("overTargetPercent", f.waits() == 0 ? null : Numbers.percent(f.overTarget(), f.waits()));
        JsonObject service = new JsonObject().put("tickets", f.served());
        duration(service, "mean", f.meanService());
        into.put("wait", wait).put("serviceTime", service);
        return visits(into, f);
    }

    /** Issue 14's figures, after the others: ratings, dossiers, the counters' out-of-order calls, parks, re-queues. */
    private static JsonObject visits(JsonObject into, Figures f) {
        Visits v = f.visits();
        int ratings = v.ratings();
        JsonObject byScore = new JsonObject();
        for (int score = 1; score <= 5; score++) {
            byScore.put(String.valueOf(score), v.byScore().get(score - 1));
        }
        JsonObject rated = new JsonObject()
                .put("received", ratings)
                .put("ratedPercent", f.served() == 0 ? null : Numbers.percent(ratings, f.served()))
                .put("meanScore", v.meanScore().orElse(null))
                .put("satisfied", v.satisfied())
                .put("satisfiedPercent", ratings == 0 ? null : Numbers.percent(v.satisfied(), ratings))
                .put("byScore", byScore)
                .put("bySource", new JsonObject().put("PAD", ratings - v.byPhone()).put("PHONE", v.byPhone()));
        JsonObject dossiers = new JsonObject()
                .put("received", v.dossiers())
                .put("returnedByPost", v.returnedByPost())
                .put("resultsCollected", v.resultsCollected());
        return into.put("ratings", rated).put("dossiers", dossiers).put("outOfOrderCalls", v.outOfOrderCalls())
                .put("parked", v.parked()).put("requeued", v.requeued());
    }

    private static void duration(JsonObject into, String name, Optional<Duration> d) {
        into.put(name + "Minutes", d.map(Numbers::minutes).orElse(null))
                .put(name + "Seconds", d.map(Numbers::seconds).orElse(null));
    }
}
