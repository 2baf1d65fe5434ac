package vn.onedesk.loadtest.crash;

import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.nio.file.Path;
import vn.onedesk.loadtest.cli.Common;
import vn.onedesk.loadtest.cli.Options;
import vn.onedesk.loadtest.report.RunReport;
import vn.onedesk.loadtest.tickets.TicketLog;

/** {@code audit --log FILE (--pg-url URL | --data-dir DIR)}: {@link TicketAudit} on its own. */
public final class AuditCommand {
    private AuditCommand() {
    }

    public static int run(Options o, PrintStream out) throws Exception {
        Path log = Path.of(o.required("log"));
        String url = o.get("pg-url").orElse(null);
        Path dataDir = o.get("data-dir").map(Path::of).orElse(null);
        o.rejectUnused();
        if ((url == null) == (dataDir == null)) {
            throw new Options.UsageException("give --pg-url URL or --data-dir DIR (the gateway's ONEDESK_DATA_DIR)");
        }
        Vertx vertx = Vertx.vertx();
        try {
            TicketAudit.Result result = TicketAudit.run(vertx, url != null ? url : TicketAudit.embeddedUrl(dataDir),
                    TicketLog.read(log));
            RunReport report = new RunReport("audit", "onedesk", o.given());
            report(report, result);
            Common.finish(o, report, out);
            return result.passed() ? 0 : 1;
        } finally {
            Common.close(vertx);
        }
    }

    static void report(RunReport report, TicketAudit.Result result) {
        io.vertx.core.json.JsonObject figures = new io.vertx.core.json.JsonObject();
        result.figures().forEach(figures::put);
        report.put("audit", figures.put("passed", result.passed())
                .put("failures", new io.vertx.core.json.JsonArray(result.failures())));
        report.line("audit: " + figures.copy().put("failures", result.failures().size()).encode());
        if (result.passed()) {
            report.line("audit PASSED: every received ticket is in the database exactly once, no number twice,"
                    + " ordinals and sequences dense and in order, nothing half-written");
        } else {
            report.line("audit FAILED:");
            result.failures().forEach(f -> report.line("  - " + f));
        }
    }
}
