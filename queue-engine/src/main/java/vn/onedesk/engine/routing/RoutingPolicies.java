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
        POLICIES.put(BalancedRouting.NAME, BalancedRouting::new);
        POLICIES.put(DedicatedCounters.NAME, DedicatedCounters::new);
        POLICIES.put(FirstComeFirstServed.NAME, FirstComeFirstServed::new);
        // not legal in a real centre: the theoretical lower bound, for the simulator's comparison only
        POLICIES.put(FullyPooled.NAME, FullyPooled::new);
    }

    private RoutingPolicies() {
    }

    public static Optional<RoutingPolicy> byName(String name) {
        return Optional.ofNullable(POLICIES.get(name)).map(Supplier::get);
    }

    public static List<String> names() {
        return List.copyOf(POLICIES.keySet());
    }

    /** What the gateway uses unless configured otherwise: OneDesk's {@link BalancedRouting}. */
    public static String defaultName() {
        return BalancedRouting.NAME;
    }

    /** The policy used unless configured otherwise. */
    public static RoutingPolicy defaultPolicy() {
        return byName(defaultName()).orElseThrow();
    }
}
