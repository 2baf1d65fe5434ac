package vn.onedesk.gateway.queue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The centre runtimes of this gateway, by centre id. The administration adds a centre (a new runtime, deployed on
 * its own context) and removes one while the gateway runs; readers on any thread see either state, never half.
 */
public final class Centres {
    private final Map<String, CentreRuntime> runtimes = new ConcurrentHashMap<>();
    /** The order the centres were started or added in: the first is the demo's hall, and pages list them so. */
    private final List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();

    public Centres(Collection<CentreRuntime> runtimes) {
        runtimes.forEach(this::add);
    }

    public void add(CentreRuntime runtime) {
        if (runtimes.putIfAbsent(runtime.centreId(), runtime) == null) {
            order.add(runtime.centreId());
        }
    }

    public void remove(String centreId) {
        runtimes.remove(centreId);
        order.remove(centreId);
    }

    public Optional<CentreRuntime> find(String centreId) {
        return Optional.ofNullable(runtimes.get(centreId));
    }

    public Collection<CentreRuntime> all() {
        List<CentreRuntime> all = new ArrayList<>();
        order.forEach(id -> {
            CentreRuntime r = runtimes.get(id);
            if (r != null) {
                all.add(r);
            }
        });
        return all;
    }

    public boolean allReady() {
        return runtimes.values().stream().allMatch(CentreRuntime::isReady);
    }
}
