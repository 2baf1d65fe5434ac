package vn.onedesk.gateway.simulation;

import java.util.Locale;

/** How figures are written in the reports: fixed decimals, a dash for "no figure" (NaN). */
final class Numbers {
    static final String NONE = "–";

    private Numbers() {
    }

    static String fixed(double value, int decimals) {
        return Double.isNaN(value) ? NONE : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    static String minutes(double value) {
        return fixed(value, 1);
    }

    static String percent(double share) {
        return Double.isNaN(share) ? NONE : String.format(Locale.ROOT, "%.1f %%", share * 100);
    }

    /** For JSON: rounded, or null for NaN (JSON has no NaN). */
    static Double rounded(double value, int decimals) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return null;
        }
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
