package vn.onedesk.monitoring.check;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression selects, found without a full parser: strings, label
 * matchers, ranges, grouping clauses and Grafana variables are removed, then every identifier that
 * is not a function, an aggregation or a keyword is a metric name. Good enough to check that the
 * dashboards and rules shipped with OneDesk ask only for series the gateway exposes.
 */
public final class PromQlNames {
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "by", "without", "on", "ignoring",
            "group_left", "group_right", "offset", "bool", "inf", "nan", "Inf", "NaN", "atan2");
    private static final Pattern STRINGS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern GRAFANA_VARIABLES = Pattern.compile("\\$\\{[^}]*}|\\$[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGES = Pattern.compile("\\[[^]]*]");
    private static final Pattern GROUPING = Pattern.compile(
            "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern TOKEN = Pattern.compile(
            "(?<number>\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?[a-z]*)|(?<name>[A-Za-z_:][A-Za-z0-9_:]*)(?<call>\\s*\\()?");

    private PromQlNames() {
    }

    public static Set<String> of(String expression) {
        String e = STRINGS.matcher(expression).replaceAll(" ");
        e = GRAFANA_VARIABLES.matcher(e).replaceAll(" ");
        e = MATCHERS.matcher(e).replaceAll(" ");
        e = RANGES.matcher(e).replaceAll(" ");
        e = GROUPING.matcher(e).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher m = TOKEN.matcher(e);
        while (m.find()) {
            String name = m.group("name");
            if (name != null && m.group("call") == null && !KEYWORDS.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }
}
