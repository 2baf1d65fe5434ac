package vn.onedesk.gateway.simulation;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import vn.onedesk.engine.simulation.BookingEffect;
import vn.onedesk.engine.simulation.DaySimulator;
import vn.onedesk.engine.simulation.Scenario;
import vn.onedesk.engine.simulation.SimulationResult;

/**
 * {@code java -jar onedesk-gateway.jar simulate --scenario NAME|FILE ...}: reads the scenario, simulates
 * its day under each policy and prints the report (see {@link SimulateOptions#USAGE}).
 */
public final class SimulateCommand {
    public static final int OK = 0;
    /** The report could not be written. */
    public static final int CANNOT_WRITE = 1;
    /** The scenario is neither a file nor a built-in name, not JSON, or not a usable scenario. */
    public static final int BAD_SCENARIO = 2;
    /** The arguments are wrong (as {@code EX_USAGE}, like the gateway's other commands). */
    public static final int BAD_USAGE = 64;

    private SimulateCommand() {
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        SimulateOptions options;
        try {
            options = SimulateOptions.parse(args);
        } catch (SimulateOptions.UsageException e) {
            err.println("simulate: " + e.getMessage());
            err.println();
            err.println(SimulateOptions.USAGE);
            return BAD_USAGE;
        }
        if (options.help()) {
            out.println(SimulateOptions.USAGE);
            return OK;
        }
        Scenario scenario;
        try {
            scenario = BuiltInScenarios.read(options.scenario());
        } catch (ScenarioException e) {
            err.println(e.getMessage());
            return BAD_SCENARIO;
        }
        long seed = options.seed().orElse(scenario.demand().seed());
        DaySimulator simulator = new DaySimulator(scenario);
        List<SimulationResult> results = new ArrayList<>();
        for (String policy : options.policiesToRun()) {
            results.add(simulator.simulate(policy, options.runs(), seed));
        }
        List<BookingEffect> bookings = new ArrayList<>();
        if (options.bookings()) {
            for (String policy : options.policiesToRun()) {
                bookings.add(BookingEffect.measure(simulator, policy, options.runs(), seed,
                        options.bookedNoShowShare()));
            }
        }
        SimulationReport report = new SimulationReport(scenario, options.runs(), seed, results, bookings);
        if (options.format() == SimulateOptions.Format.JSON) {
            out.println(JsonReport.render(report).encodePrettily());
        } else {
            out.print(TableReport.render(report));
        }
        out.flush();
        if (options.html().isPresent()) {
            Path file = options.html().get();
            try {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(file, HtmlReport.render(report), StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("simulate: cannot write the HTML report to " + file + ": " + e.getMessage());
                return CANNOT_WRITE;
            }
            err.println("HTML report written to " + file);
        }
        return OK;
    }
}
