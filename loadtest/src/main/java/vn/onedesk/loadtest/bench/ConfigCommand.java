package vn.onedesk.loadtest.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import vn.onedesk.loadtest.cli.Options;

/** {@code config --out FILE [--centres N --kiosks K --displays D --template FILE]}: a benchmark configuration. */
public final class ConfigCommand {
    private ConfigCommand() {
    }

    public static int run(Options o, PrintStream out) throws Exception {
        Path file = Path.of(o.required("out"));
        BenchConfig.Settings s = new BenchConfig.Settings(o.get("template").map(Path::of).orElse(null),
                o.integer("centres", 1), o.integer("kiosks", 200), o.integer("displays", 100),
                o.string("password", BenchConfig.DEFAULT_PASSWORD),
                o.integer("hash-iterations", BenchConfig.DEFAULT_ITERATIONS));
        o.rejectUnused();
        if (s.centres() < 1 || s.kiosks() < 0 || s.displays() < 0) {
            throw new Options.UsageException("--centres must be at least 1; --kiosks and --displays at least 0");
        }
        BenchConfig.write(s, file);
        out.printf("wrote %s: %d centre(s), %d kiosk(s) and %d display(s) each, a terminal per counter;"
                + " start the gateway with ONEDESK_CONFIG=%s%n", file, s.centres(), s.kiosks(), s.displays(), file);
        return 0;
    }
}
