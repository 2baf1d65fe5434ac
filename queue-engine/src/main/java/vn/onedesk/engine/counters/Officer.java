package vn.onedesk.engine.counters;

import java.util.Objects;

/**
 * A person working a counter, as the adapter names them: the engine neither authenticates nor looks
 * them up, it only remembers who is at which counter and records them on that counter's events.
 */
public record Officer(String id, String name) {
    public Officer {
        Objects.requireNonNull(id, "id");
        name = name == null ? id : name;
    }
}
