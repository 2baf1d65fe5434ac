package vn.onedesk.engine;

import java.util.List;
import java.util.Objects;

/** The engine's answer to a command: the events it causes, or why it is refused. */
public sealed interface Decision {

    record Accepted(List<Event> events) implements Decision {
        public Accepted {
            events = List.copyOf(events);
        }
    }

    record Rejected(Rejection rejection, String message) implements Decision {
        public Rejected {
            Objects.requireNonNull(rejection, "rejection");
            Objects.requireNonNull(message, "message");
        }
    }

    static Decision accept(Event... events) {
        return new Accepted(List.of(events));
    }

    static Decision reject(Rejection rejection, String message) {
        return new Rejected(rejection, message);
    }
}
