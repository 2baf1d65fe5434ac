package vn.onedesk.gateway.reports;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import vn.onedesk.gateway.reports.RangeReport.Line;

/**
 * The reports over a period as JSON, in the daily report's manner ({@link ReportJson}): the same figures under
 * the same names, durations in minutes and in seconds, null where there is nothing to measure; each line opens
 * with what it is about, named as in the daily report ({@code service}, {@code counter}, {@code operator}) or
 * after the dimension ({@code day}, {@code officer}, {@code centre}).
 */
final class RangeJson {
    private RangeJson() {
    }

    static JsonObject render(RangeReport r) {
        return new JsonObject()
                .put("centre", r.centre())
                .put("centreName", r.centreName())
                .put("timezone", r.timezone().getId())
                .put("from", r.period().from().toString())
                .put("to", r.period().to().toString())
                .put("days", r.period().days())
                .put("by", r.by().parameter())
                .put("generatedAt", r.generatedAt().toString())
                .put("periodOver", r.periodOver())
                .put("totals", ReportJson.figures(new JsonObject(), r.totals()))
                .put("lines", lines(r.lines()));
    }

    static JsonObject render(ProvinceReport r) {
        return new JsonObject()
                .put("from", r.period().from().toString())
                .put("to", r.period().to().toString())
                .put("days", r.period().days())
                .put("by", Dimension.CENTRE.parameter())
                .put("generatedAt", r.generatedAt().toString())
                .put("totals", ReportJson.figures(new JsonObject(), r.totals()))
                .put("lines", lines(r.lines()));
    }

    private static JsonArray lines(Iterable<Line> lines) {
        JsonArray out = new JsonArray();
        lines.forEach(l -> out.add(ReportJson.figures(subject(l.subject()), l.figures())));
        return out;
    }

    private static JsonObject subject(Subject s) {
        if (s instanceof Subject.Day d) {
            return new JsonObject().put("day", d.code()).put("weekday", d.name());
        }
        if (s instanceof Subject.Service service) {
            return new JsonObject().put("service", service.code()).put("name", service.name())
                    .put("targetWaitMinutes", service.target() == null ? null : Numbers.minutes(service.target()));
        }
        if (s instanceof Subject.Counter c) {
            return new JsonObject().put("counter", c.code()).put("number", c.number())
                    .put("operator", c.operator() == null ? null : c.operator().code());
        }
        if (s instanceof Subject.OperatorOf o) {
            return new JsonObject().put("operator", o.code()).put("counters", o.counters());
        }
        if (s instanceof Subject.Officer o) {
            return new JsonObject().put("officer", o.code()).put("name", o.name());
        }
        Subject.Centre c = (Subject.Centre) s;
        return new JsonObject().put("centre", c.code()).put("name", c.name()).put("timezone", c.timezone().getId());
    }
}
