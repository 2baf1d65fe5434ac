package vn.onedesk.protocol;

/**
 * MQTT topic-filter rules (single-level {@code +}, multi-level {@code #}), per MQTT 3.1.1 §4.7: part of the
 * protocol, since devices subscribe with filters and the gateway's access rules are written as filters.
 */
public final class TopicFilters {
    private TopicFilters() {
    }

    public static boolean isValidFilter(String filter) {
        if (filter == null || filter.isEmpty() || filter.length() > 512) {
            return false;
        }
        String[] levels = filter.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            if (level.contains("#") && (!level.equals("#") || i != levels.length - 1)) {
                return false;
            }
            if (level.contains("+") && !level.equals("+")) {
                return false;
            }
        }
        return true;
    }

    /** Whether a topic name (no wildcards) matches a filter. */
    public static boolean matches(String filter, String topic) {
        return matches(levels(filter), levels(topic));
    }

    /** A filter or topic name split into its levels, so that one publish splits its topic once for all sessions. */
    public static String[] levels(String filterOrTopic) {
        return filterOrTopic.split("/", -1);
    }

    /** {@link #matches(String, String)} on names already split by {@link #levels}. */
    public static boolean matches(String[] f, String[] t) {
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) {
                return true;
            }
            if (i >= t.length) {
                return false;
            }
            if (!f[i].equals("+") && !f[i].equals(t[i])) {
                return false;
            }
        }
        return f.length == t.length;
    }

    /** Whether every topic the requested filter can match is also matched by the allowed one. */
    public static boolean covers(String allowed, String requested) {
        String[] a = allowed.split("/", -1);
        String[] r = requested.split("/", -1);
        for (int i = 0; i < a.length; i++) {
            if (a[i].equals("#")) {
                return true;
            }
            if (i >= r.length || r[i].equals("#")) {
                return false;
            }
            if (!a[i].equals("+") && (r[i].equals("+") || !a[i].equals(r[i]))) {
                return false;
            }
        }
        return a.length == r.length;
    }
}
