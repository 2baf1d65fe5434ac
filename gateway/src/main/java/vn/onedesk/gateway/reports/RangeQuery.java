package vn.onedesk.gateway.reports;

import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import vn.onedesk.gateway.http.HttpErrors;
import vn.onedesk.protocol.ErrorCode;

/**
 * The parameters of a report over a period, checked: {@code from} and {@code to} (local days, both required,
 * both included, at most {@value Period#MAX_DAYS} days), {@code by} (required) and {@code format}. A refusal names
 * the parameter at fault in the error's {@code field}, so that a page can say it next to that input: {@code from}
 * is checked on its own, {@code to} on its own and then against {@code from} (on or after it, within
 * {@value Period#MAX_DAYS} days of it).
 */
record RangeQuery(Period period, Dimension by, ReportFormat format) {
    private static final List<String> PARAMETERS = List.of("from", "to", "by", "format");

    /** The request's parameters, or why they are refused: 400 with a stable code. */
    static RangeQuery of(RoutingContext ctx, List<Dimension> dimensions) throws Refused {
        for (String name : PARAMETERS) {
            if (ctx.queryParam(name).size() > 1) {
                throw new Refused(ErrorCode.INVALID_REQUEST, name, "give '" + name + "' once, not "
                        + ctx.queryParam(name).size() + " times");
            }
        }
        Optional<String> fromText = one(ctx, "from");
        Optional<String> toText = one(ctx, "to");
        if (fromText.isEmpty() || toText.isEmpty()) {
            throw new Refused(ErrorCode.INVALID_REQUEST, fromText.isEmpty() ? "from" : "to", "give both 'from' and"
                    + " 'to': the first and the last local day of the report, written YYYY-MM-DD");
        }
        LocalDate from = date("from", fromText.get());
        LocalDate to = date("to", toText.get());
        if (from.isAfter(to)) {
            throw new Refused(ErrorCode.INVALID_REQUEST, "to", "'from' (" + from + ") is after 'to' (" + to + ")");
        }
        Period period = new Period(from, to);
        if (period.days() > Period.MAX_DAYS) {
            throw new Refused(ErrorCode.RANGE_TOO_LONG, "to", from + " to " + to + " is " + period.days()
                    + " days; a report covers at most " + Period.MAX_DAYS + ": ask for it in parts");
        }
        Optional<String> byText = one(ctx, "by");
        if (byText.isEmpty()) {
            throw new Refused(ErrorCode.INVALID_REQUEST, "by", "give 'by': one of " + Dimension.names(dimensions));
        }
        Dimension by = Dimension.named(byText.get(), dimensions).orElseThrow(() -> new Refused(
                ErrorCode.INVALID_REQUEST, "by", "'by' must be one of " + Dimension.names(dimensions) + ", not '"
                + byText.get() + "'"));
        List<String> formats = ctx.queryParam("format");
        ReportFormat format = ReportFormat.asked(formats, ctx.request().getHeader("accept")).orElseThrow(() ->
                new Refused(ErrorCode.INVALID_REQUEST, "format", "'format' must be json or csv, not '" + formats.get(0)
                        + "'"));
        return new RangeQuery(period, by, format);
    }

    private static LocalDate date(String name, String text) throws Refused {
        return Period.date(text).orElseThrow(() -> new Refused(ErrorCode.INVALID_REQUEST, name,
                "'" + name + "' must be a calendar date written YYYY-MM-DD, not '" + text + "'"));
    }

    /** The parameter's value; empty when it is absent ("from=" is present, and no date). */
    private static Optional<String> one(RoutingContext ctx, String name) {
        List<String> values = ctx.queryParam(name);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** A request refused for its parameters, before anything was read: 400 with a stable code. */
    static final class Refused extends Exception {
        private final ErrorCode code;
        private final String parameter;

        /** @param parameter the parameter at fault, the error's {@code field} */
        Refused(ErrorCode code, String parameter, String detail) {
            super(detail, null, false, false); // an answer to the client, not a failure: no stack trace
            this.code = code;
            this.parameter = parameter;
        }

        void send(RoutingContext ctx) {
            HttpErrors.send(ctx, 400, code, parameter, getMessage());
        }
    }
}
