package vn.onedesk.gateway.reports;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a report over a period has one line per: the {@code by} parameter. */
public enum Dimension {
    DAY("Ngày", "theo-ngay", true),
    SERVICE("Lĩnh vực", "theo-linh-vuc", true),
    COUNTER("Quầy", "theo-quay", false),
    OPERATOR("Đơn vị", "theo-don-vi", false),
    OFFICER("Cán bộ", "theo-can-bo", false),
    CENTRE("Trung tâm", "theo-trung-tam", true);

    /** What a centre's report may be by. */
    static final List<Dimension> OF_A_CENTRE = List.of(DAY, SERVICE, COUNTER, OPERATOR, OFFICER);
    /** What the report over several centres may be by (more to come: by service across centres, ...). */
    static final List<Dimension> ACROSS_CENTRES = List.of(CENTRE);

    private final String scope;
    private final String fileTag;
    private final boolean queues;

    Dimension(String scope, String fileTag, boolean queues) {
        this.scope = scope;
        this.fileTag = fileTag;
        this.queues = queues;
    }

    /** Its value of {@code by}: day, service, counter, operator, officer, centre. */
    public String parameter() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The CSV's "Phạm vi" (scope) of its lines. */
    String scope() {
        return scope;
    }

    /** Its part of a CSV's file name, in ASCII: "theo-can-bo" (by officer). */
    String fileTag() {
        return fileTag;
    }

    /**
     * Whether its lines are queues, with tickets flowing in and out (issued, transferred in, unfinished): a day,
     * a service or a centre is; a counter, an operator or an officer only works them.
     */
    boolean queues() {
        return queues;
    }

    static Optional<Dimension> named(String parameter, List<Dimension> allowed) {
        return allowed.stream().filter(d -> d.parameter().equals(parameter.toLowerCase(Locale.ROOT))).findFirst();
    }

    static String names(List<Dimension> dimensions) {
        return dimensions.stream().map(Dimension::parameter).collect(Collectors.joining(", "));
    }
}
