package vn.onedesk.gateway.reports;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What a report is sent as: JSON to read or compute with, or CSV for Excel. */
enum ReportFormat {
    JSON, CSV;

    /**
     * The format a request asks for: its {@code format} parameter ({@code json} or {@code csv}) wins; without
     * one, its Accept header. Empty for a {@code format} the gateway does not make.
     */
    static Optional<ReportFormat> asked(List<String> formats, String accept) {
        return formats.isEmpty() ? Optional.of(negotiated(accept)) : named(formats.get(0));
    }

    /**
     * CSV when the Accept header prefers text/csv to JSON (by q, then by order); JSON otherwise,
     * including without an Accept header or with only types we do not make.
     */
    static ReportFormat negotiated(String accept) {
        if (accept == null) {
            return JSON;
        }
        ReportFormat best = null;
        double bestQ = 0;
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].trim().toLowerCase(Locale.ROOT);
            double q = 1;
            for (int i = 1; i < parts.length; i++) {
                String[] param = parts[i].trim().split("=", 2);
                if (param.length == 2 && param[0].trim().equalsIgnoreCase("q")) {
                    try {
                        q = Double.parseDouble(param[1].trim());
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            ReportFormat format = switch (type) {
                case "text/csv" -> CSV;
                case "application/json", "application/*", "*/*" -> JSON;
                default -> null;
            };
            if (format != null && q > bestQ) {
                best = format;
                bestQ = q;
            }
        }
        return best == null ? JSON : best;
    }

    static Optional<ReportFormat> named(String format) {
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "json" -> Optional.of(JSON);
            case "csv" -> Optional.of(CSV);
            default -> Optional.empty();
        };
    }
}
