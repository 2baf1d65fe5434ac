package vn.onedesk.monitoring.check;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A scrape in the Prometheus text exposition format (version 0.0.4), read into samples, types and
 * help texts: what tests and tools need to check what a running gateway exposes.
 */
public final class Exposition {
    /** One sample line: its name (with any _bucket/_count/_sum/_total suffix), labels and value. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples;
    private final Map<String, String> types;
    private final Map<String, String> help;

    private Exposition(List<Sample> samples, Map<String, String> types, Map<String, String> help) {
        this.samples = List.copyOf(samples);
        this.types = Collections.unmodifiableMap(types);
        this.help = Collections.unmodifiableMap(help);
    }

    public static Exposition parse(String text) {
        List<Sample> samples = new ArrayList<>();
        Map<String, String> types = new LinkedHashMap<>();
        Map<String, String> help = new LinkedHashMap<>();
        int lineNumber = 0;
        for (String line : text.split("\n")) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.substring(7).split(" ", 2);
                types.put(parts[0], parts[1].trim());
            } else if (line.startsWith("# HELP ")) {
                String[] parts = line.substring(7).split(" ", 2);
                help.put(parts[0], parts.length > 1 ? unescapeHelp(parts[1]) : "");
            } else if (!line.startsWith("#")) {
                try {
                    samples.add(sample(line));
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("line " + lineNumber + " is not a sample: " + line, e);
                }
            }
        }
        return new Exposition(samples, types, help);
    }

    private static Sample sample(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
            i++;
        }
        String name = line.substring(0, i);
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i++;
            while (line.charAt(i) != '}') {
                int eq = line.indexOf('=', i);
                String label = line.substring(i, eq).trim();
                if (line.charAt(eq + 1) != '"') {
                    throw new IllegalArgumentException("label value must be quoted");
                }
                StringBuilder value = new StringBuilder();
                int j = eq + 2;
                for (; line.charAt(j) != '"'; j++) {
                    char c = line.charAt(j);
                    if (c == '\\') {
                        char next = line.charAt(++j);
                        value.append(next == 'n' ? '\n' : next);
                    } else {
                        value.append(c);
                    }
                }
                labels.put(label, value.toString());
                i = j + 1;
                if (line.charAt(i) == ',') {
                    i++;
                }
            }
            i++;
        }
        String[] rest = line.substring(i).trim().split("\\s+");
        return new Sample(name, labels, number(rest[0]));
    }

    private static double number(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }

    private static String unescapeHelp(String text) {
        return text.replace("\\n", "\n").replace("\\\\", "\\");
    }

    public List<Sample> samples() {
        return samples;
    }

    /** Family name → type (counter, gauge, histogram, summary, untyped), from the TYPE lines. */
    public Map<String, String> types() {
        return types;
    }

    /** Family name → help text, from the HELP lines. */
    public Map<String, String> help() {
        return help;
    }

    /** The distinct sample names, e.g. onedesk_ticket_wait_seconds_bucket. */
    public java.util.Set<String> sampleNames() {
        java.util.Set<String> names = new java.util.TreeSet<>();
        samples.forEach(s -> names.add(s.name()));
        return names;
    }

    /** The samples of this name whose labels include all the given ones. */
    public List<Sample> find(String name, Map<String, String> labels) {
        return samples.stream()
                .filter(s -> s.name().equals(name))
                .filter(s -> s.labels().entrySet().containsAll(labels.entrySet()))
                .toList();
    }

    /** The value of the one sample of this name with exactly these labels (plus none other), if present. */
    public OptionalDouble value(String name, Map<String, String> labels) {
        return samples.stream()
                .filter(s -> s.name().equals(name) && s.labels().equals(labels))
                .mapToDouble(Sample::value)
                .findFirst();
    }

    /** The family a sample name belongs to, following the TYPE lines (histogram suffixes included). */
    public Optional<String> familyOf(String sampleName) {
        if (types.containsKey(sampleName)) {
            return Optional.of(sampleName);
        }
        for (String suffix : List.of("_bucket", "_count", "_sum", "_total", "_created")) {
            if (sampleName.endsWith(suffix)) {
                String family = sampleName.substring(0, sampleName.length() - suffix.length());
                if (types.containsKey(family)) {
                    return Optional.of(family);
                }
            }
        }
        return Optional.empty();
    }
}
