package vn.onedesk.gateway.simulation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import vn.onedesk.engine.routing.RoutingPolicies;

/**
 * The options of {@code simulate}, parsed and checked. Options take their value as the next
 * argument or after '=' ({@code --runs 5}, {@code --runs=5}).
 *
 * @param policies the routing policies to compare, in the order given; all registered when none is given
 * @param seed     the first seed; empty: the scenario's own
 * @param html     where to write the HTML report; empty: none
 */
public record SimulateOptions(String scenario, List<String> policies, int runs, Optional<Long> seed, Format format,
                              Optional<Path> html, boolean help, boolean bookings, double bookedNoShowShare) {
    /** Of the booked citizens, the share who never come, unless {@code --booked-no-show} says otherwise. */
    public static final double DEFAULT_BOOKED_NO_SHOW = 0.1;

    public SimulateOptions(String scenario, List<String> policies, int runs, Optional<Long> seed, Format format,
                           Optional<Path> html, boolean help) {
        this(scenario, policies, runs, seed, format, html, help, false, DEFAULT_BOOKED_NO_SHOW);
    }

    public static final int DEFAULT_RUNS = 20;
    static final int MAX_RUNS = 10_000;

    public static final String USAGE = String.join("\n",
            "usage: java -jar onedesk-gateway.jar simulate --scenario NAME|FILE [options]",
            "",
            "Replays a scenario's day (format onedesk-scenario/1) through the queue engine under each routing",
            "policy and reports waits, counter utilisation and the error of each wait estimator.",
            "",
            "  --scenario NAME     a built-in scenario: " + String.join(", ", BuiltInScenarios.NAMES),
            "  --scenario FILE     or a scenario file of your own, e.g. a copy of one in",
            "                      " + BuiltInScenarios.FOLDER_IN_REPOSITORY + "/ (required)",
            "  --policy P          a routing policy to run; repeat it or give a comma list (default: every",
            "                      registered policy: " + String.join(", ", RoutingPolicies.names()) + ")",
            "  --runs N            simulated days per policy, seeds S, S+1, ... (default " + DEFAULT_RUNS + ")",
            "  --seed S            the first seed (default: the scenario's demand.seed)",
            "  --format F          table (default) or json, printed on standard output",
            "  --html FILE         also write a self-contained HTML report with charts to FILE",
            "  --bookings          also report what booked slots do to walk-ins' waits: the same citizens",
            "                      with their bookings served, and as if nobody had booked",
            "  --booked-no-show S  with --bookings: the share of booked citizens who never come, 0 to 1",
            "                      (default " + DEFAULT_BOOKED_NO_SHOW + ")",
            "  --help              print this help");

    public enum Format {
        TABLE, JSON
    }

    public SimulateOptions {
        policies = List.copyOf(policies);
    }

    /** The policies to run: those asked for, else every registered one. */
    public List<String> policiesToRun() {
        return policies.isEmpty() ? RoutingPolicies.names() : policies;
    }

    /** Raised for arguments that cannot be used; the message says what is wrong in words. */
    public static final class UsageException extends Exception {
        public UsageException(String message) {
            super(message);
        }
    }

    public static SimulateOptions parse(List<String> args) throws UsageException {
        String scenario = null;
        Set<String> policies = new LinkedHashSet<>();
        int runs = DEFAULT_RUNS;
        Long seed = null;
        Format format = Format.TABLE;
        Path html = null;
        boolean help = false;
        boolean bookings = false;
        double bookedNoShow = DEFAULT_BOOKED_NO_SHOW;
        List<String> rest = new ArrayList<>(args);
        while (!rest.isEmpty()) {
            String arg = rest.remove(0);
            String name = arg;
            String inline = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                inline = arg.substring(eq + 1);
            }
            switch (name) {
                case "--help", "-h" -> help = true;
                case "--scenario" -> scenario = value(name, inline, rest);
                case "--policy" -> {
                    for (String p : value(name, inline, rest).split(",")) {
                        if (!p.isBlank()) {
                            policies.add(p.trim());
                        }
                    }
                }
                case "--runs" -> runs = wholeNumber(name, value(name, inline, rest), 1, MAX_RUNS);
                case "--seed" -> {
                    String s = value(name, inline, rest);
                    try {
                        seed = Long.parseLong(s.trim());
                    } catch (NumberFormatException e) {
                        throw new UsageException("--seed: must be a whole number, got '" + s + "'");
                    }
                }
                case "--format" -> {
                    String f = value(name, inline, rest);
                    format = switch (f.trim().toLowerCase(java.util.Locale.ROOT)) {
                        case "table" -> Format.TABLE;
                        case "json" -> Format.JSON;
                        default -> throw new UsageException("--format: must be table or json, got '" + f + "'");
                    };
                }
                case "--html" -> html = Path.of(value(name, inline, rest));
                case "--bookings" -> bookings = true;
                case "--booked-no-show" -> {
                    String v = value(name, inline, rest);
                    try {
                        bookedNoShow = Double.parseDouble(v.trim());
                    } catch (NumberFormatException e) {
                        bookedNoShow = Double.NaN;
                    }
                    if (!(bookedNoShow >= 0 && bookedNoShow <= 1)) {
                        throw new UsageException("--booked-no-show: must be a share from 0 to 1, got '" + v + "'");
                    }
                }
                default -> throw new UsageException(arg.startsWith("-")
                        ? "unknown option " + name
                        : "unexpected argument '" + arg + "' (options start with --)");
            }
        }
        if (help) {
            return new SimulateOptions(scenario, List.copyOf(policies), runs, Optional.ofNullable(seed), format,
                    Optional.ofNullable(html), true);
        }
        if (scenario == null) {
            throw new UsageException("--scenario NAME|FILE is required (built-in: "
                    + String.join(", ", BuiltInScenarios.NAMES) + ")");
        }
        List<String> unknown = policies.stream().filter(p -> RoutingPolicies.byName(p).isEmpty()).toList();
        if (!unknown.isEmpty()) {
            throw new UsageException("--policy: no routing policy is registered as " + String.join(", ",
                    unknown.stream().map(p -> "'" + p + "'").toList()) + "; registered: "
                    + String.join(", ", RoutingPolicies.names()));
        }
        return new SimulateOptions(scenario, List.copyOf(policies), runs, Optional.ofNullable(seed), format,
                Optional.ofNullable(html), false, bookings, bookedNoShow);
    }

    private static String value(String name, String inline, List<String> rest) throws UsageException {
        if (inline != null) {
            if (inline.isBlank()) {
                throw new UsageException(name + ": needs a value");
            }
            return inline;
        }
        if (rest.isEmpty() || rest.get(0).startsWith("--")) {
            throw new UsageException(name + ": needs a value");
        }
        return rest.remove(0);
    }

    private static int wholeNumber(String name, String s, int min, int max) throws UsageException {
        try {
            int n = Integer.parseInt(s.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(name + ": must be a whole number from " + min + " to " + max + ", got '" + s + "'");
    }
}
