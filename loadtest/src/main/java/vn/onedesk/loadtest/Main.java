package vn.onedesk.loadtest;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import vn.onedesk.gateway.config.ConfigException;
import vn.onedesk.loadtest.bench.ConfigCommand;
import vn.onedesk.loadtest.cli.Options;
import vn.onedesk.loadtest.crash.AuditCommand;
import vn.onedesk.loadtest.crash.CrashCommand;
import vn.onedesk.loadtest.crash.PgRestartCommand;
import vn.onedesk.loadtest.day.DayCommand;
import vn.onedesk.loadtest.echo.EchoResponder;
import vn.onedesk.loadtest.fanout.FanoutCommand;
import vn.onedesk.loadtest.idle.IdleCommand;
import vn.onedesk.loadtest.tickets.TicketsCommand;

/** {@code java -jar onedesk-loadtest.jar SUBCOMMAND --option value ...}; see the README's "Load and crash tests". */
public final class Main {
    private static final String USAGE = """
            usage: java -jar onedesk-loadtest.jar COMMAND [--option value ...]
              config          --out FILE [--centres N --kiosks K --displays D --template FILE --password P]
              tickets         --rate R --kiosks K --duration D [--warmup W --qos 1 --target onedesk|echo --host H --port P]
              echo-responder  --host H --port P   (answers kiosks' requests on a plain broker, for the baseline)
              fanout          --displays D --calls-per-second N --duration D [--target onedesk|mosquitto]
              idle            --connections N [--hold D]
              idle-attack     --sockets N [--mqtt-sockets M --from A[-B] --http-port P --port P --duration D --ticket-rate R]
                              (idle sockets that never send a byte, while a kiosk takes tickets and /health is asked)
              day             --scenario FILE --centres N --speed X --duration D
              crash           --kills N --rate R [--gateway-jar JAR]  (SIGKILLs the gateway under load, then audits)
              cluster-crash   --cluster DIR --kills N --rate R [--kiosks K --settle 5s --target 5s --service 500ms]
                              (SIGKILLs random nodes of scripts/cluster.sh's cluster under load, times each centre's
                               recovery, then audits tickets, and checks that each centre's display has every call
                               its counter made)
              pg-restart      --pg-url URL --stop-command CMD --start-command CMD [--rate R --down D]
              audit           --log FILE (--pg-url URL | --data-dir DIR)
              report          --dir RUNS --out docs/benchmarks.md   (the JSON reports of a benchmark run as Markdown)
            every run: --json FILE writes the report as JSON; --gateway-pid PID (and --db-pid PID) add the server's CPU and memory
            """;

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tT %4$s %3$s: %5$s%6$s%n");
        System.setProperty("vertx.disableDnsResolver", "true");
        vn.onedesk.loadtest.cli.Logs.quiet();
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        System.exit(run(List.of(args), out, err));
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("help")) {
            (args.isEmpty() ? err : out).print(USAGE);
            return args.isEmpty() ? 64 : 0;
        }
        String command = args.get(0);
        try {
            Options o = Options.parse(args.subList(1, args.size()));
            return switch (command) {
                case "config" -> ConfigCommand.run(o, out);
                case "tickets" -> TicketsCommand.run(o, out);
                case "echo-responder" -> EchoResponder.run(o, out);
                case "fanout" -> FanoutCommand.run(o, out);
                case "idle" -> IdleCommand.run(o, out);
                case "idle-attack" -> vn.onedesk.loadtest.idle.IdleAttackCommand.run(o, out);
                case "day" -> DayCommand.run(o, out);
                case "crash" -> CrashCommand.run(o, out);
                case "cluster-crash" -> vn.onedesk.loadtest.crash.ClusterCrashCommand.run(o, out);
                case "pg-restart" -> PgRestartCommand.run(o, out);
                case "audit" -> AuditCommand.run(o, out);
                case "report" -> vn.onedesk.loadtest.report.ReportCommand.run(o, out);
                default -> {
                    err.println("unknown command " + command);
                    err.print(USAGE);
                    yield 64;
                }
            };
        } catch (Options.UsageException e) {
            err.println(command + ": " + e.getMessage());
            return 64;
        } catch (ConfigException e) {
            err.println(command + ": " + e.getMessage());
            return 2;
        } catch (Exception e) {
            err.println(command + " failed: " + e);
            e.printStackTrace(err);
            return 1;
        }
    }
}
