package vn.onedesk.gateway.config;

import java.util.List;

/** The configuration cannot be used; the message lists every problem, one per line. */
public final class ConfigException extends RuntimeException {
    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super("OneDesk cannot start; fix the configuration:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
