package vn.onedesk.gateway.reports;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;

/**
 * A rendered report, as every report endpoint answers it: JSON shown inline, CSV as an attachment, under a
 * file name of ASCII only ("bao-cao-ngay_hcc-tinh_2025-03-03.csv"), so that every browser and Excel keep it
 * as it is; never cached, since a report of today changes with every ticket.
 */
record ReportBody(String contentType, String disposition, byte[] bytes) {

    /** @param fileStem the file name without its extension, ASCII letters, digits, '_' and '-' only */
    static ReportBody json(JsonObject report, String fileStem) {
        return new ReportBody("application/json; charset=utf-8", "inline; filename=\"" + fileStem + ".json\"",
                report.encodePrettily().getBytes(StandardCharsets.UTF_8));
    }

    static ReportBody csv(String table, String fileStem) {
        return new ReportBody("text/csv; charset=utf-8", "attachment; filename=\"" + fileStem + ".csv\"",
                table.getBytes(StandardCharsets.UTF_8));
    }

    /** A centre id as a part of a file name: anything but ASCII letters, digits, '_' and '-' becomes '-'. */
    static String filePart(String text) {
        return text.replaceAll("[^A-Za-z0-9_-]", "-");
    }

    void send(RoutingContext ctx) {
        if (ctx.response().headWritten()) {
            return; // already answered: 503 at the database deadline (DatabaseDeadline)
        }
        ctx.response().setStatusCode(200)
                .putHeader("content-type", contentType)
                .putHeader("cache-control", "no-store")
                .putHeader("content-disposition", disposition)
                .end(Buffer.buffer(bytes));
    }
}
