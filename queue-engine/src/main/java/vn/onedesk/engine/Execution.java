package vn.onedesk.engine;

import java.util.List;
import java.util.Objects;

/**
 * A command decided and, when accepted, applied ({@link CentreQueue#execute}): either refused, having changed
 * nothing, or applied, with everything it changed.
 */
public sealed interface Execution {

    /** The decision this execution carried out, as {@link CentreQueue#decide} gives it. */
    Decision decision();

    /** The command was refused: nothing changed. */
    record Refused(Rejection rejection, String message) implements Execution {
        public Refused {
            Objects.requireNonNull(rejection, "rejection");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public Decision decision() {
            return new Decision.Rejected(rejection, message);
        }
    }

    /** The command was accepted and its events applied (none, for an accepted no-op). */
    record Applied(Changes changes) implements Execution {
        public Applied {
            Objects.requireNonNull(changes, "changes");
        }

        public List<Event> events() {
            return changes.events();
        }

        @Override
        public Decision decision() {
            return new Decision.Accepted(changes.events());
        }
    }
}
