package vn.onedesk.gateway.simulation;

import java.util.List;

/** A scenario file cannot be used; lists every problem, each with its path in the file. */
public final class ScenarioException extends Exception {
    private final List<String> problems;

    public ScenarioException(String source, List<String> problems) {
        super(source + " is not a usable scenario:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
