package vn.onedesk.gateway.queue;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The centre runtimes of this gateway, by centre id. */
public final class Centres {
    private final Map<String, CentreRuntime> runtimes;

    public Centres(Collection<CentreRuntime> runtimes) {
        this.runtimes = runtimes.stream()
                .collect(Collectors.toUnmodifiableMap(CentreRuntime::centreId, Function.identity()));
    }

    public Optional<CentreRuntime> find(String centreId) {
        return Optional.ofNullable(runtimes.get(centreId));
    }

    public Collection<CentreRuntime> all() {
        return runtimes.values();
    }

    public boolean allReady() {
        return runtimes.values().stream().allMatch(CentreRuntime::isReady);
    }
}
