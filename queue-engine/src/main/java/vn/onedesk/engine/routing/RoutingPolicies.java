package vn.onedesk.engine.routing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The routing policies by name, as configuration files and the simulator name them. */
public final class RoutingPolicies {
    private static final Map<String, Supplier<RoutingPolicy>> POLICIES = new LinkedHashMap<>();

    static {
        POLICIES.put("fifo-pooled", FirstComeFirstServed::new);
    }

    private RoutingPolicies() {
    }

    public static Optional<RoutingPolicy> byName(String name) {
        return Optional.ofNullable(POLICIES.get(name)).map(Supplier::get);
    }

    public static List<String> names() {
        return List.copyOf(POLICIES.keySet());
    }

    /** What the gateway uses unless configured otherwise. */
    public static String defaultName() {
        return "fifo-pooled";
    }
}
