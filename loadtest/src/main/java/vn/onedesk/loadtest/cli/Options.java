package vn.onedesk.loadtest.cli;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code --name value} options of one subcommand. Every option read is remembered, so that
 * {@link #rejectUnused} can refuse a misspelt one instead of silently running with a default.
 */
public final class Options {
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Set<String> used = new LinkedHashSet<>();

    private Options() {
    }

    public static Options parse(List<String> args) {
        Options options = new Options();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--") || arg.length() < 3) {
                throw new UsageException("expected an option like --rate 1000, got '" + arg + "'");
            }
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq > 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                value = args.get(++i);
            } else {
                value = "true";
            }
            options.values.put(name, value);
        }
        return options;
    }

    public Optional<String> get(String name) {
        used.add(name);
        return Optional.ofNullable(values.get(name));
    }

    public String string(String name, String fallback) {
        return get(name).orElse(fallback);
    }

    public String required(String name) {
        return get(name).orElseThrow(() -> new UsageException("--" + name + " is required"));
    }

    public int integer(String name, int fallback) {
        return get(name).map(v -> {
            try {
                return Integer.parseInt(v.replace("_", ""));
            } catch (NumberFormatException e) {
                throw new UsageException("--" + name + " must be a whole number, got '" + v + "'");
            }
        }).orElse(fallback);
    }

    public double number(String name, double fallback) {
        return get(name).map(v -> {
            try {
                return Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw new UsageException("--" + name + " must be a number, got '" + v + "'");
            }
        }).orElse(fallback);
    }

    public boolean flag(String name, boolean fallback) {
        return get(name).map(v -> switch (v) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new UsageException("--" + name + " must be true or false, got '" + v + "'");
        }).orElse(fallback);
    }

    public Duration duration(String name, Duration fallback) {
        return get(name).map(v -> parseDuration(name, v)).orElse(fallback);
    }

    /** 500ms, 30s, 10m, 1h, or a bare number of seconds. */
    static Duration parseDuration(String name, String v) {
        try {
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            char unit = v.charAt(v.length() - 1);
            if (Character.isDigit(unit)) {
                return Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000));
            }
            double amount = Double.parseDouble(v.substring(0, v.length() - 1));
            long seconds = switch (unit) {
                case 's' -> 1;
                case 'm' -> 60;
                case 'h' -> 3600;
                default -> throw new NumberFormatException();
            };
            return Duration.ofMillis(Math.round(amount * seconds * 1000));
        } catch (RuntimeException e) {
            throw new UsageException("--" + name + " must be a duration like 500ms, 30s or 10m, got '" + v + "'");
        }
    }

    /** Refuses options that no part of the subcommand read: most likely a typo. */
    public void rejectUnused() {
        Set<String> unused = new LinkedHashSet<>(values.keySet());
        unused.removeAll(used);
        unused.remove("json"); // read when the report is written, after the run
        if (!unused.isEmpty()) {
            throw new UsageException("unknown option(s): --" + String.join(", --", unused));
        }
    }

    /** Every option given, for the report's record of how the run was made. */
    public Map<String, String> given() {
        return Map.copyOf(values);
    }

    /** A wrong command line; the tool prints the message and exits with 64. */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
    }
}
