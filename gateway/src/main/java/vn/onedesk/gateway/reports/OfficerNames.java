package vn.onedesk.gateway.reports;

import io.vertx.core.Future;
import java.util.Map;
import java.util.Set;

/** Officers' full names, as their staff accounts have them, for the lines of a report by officer. */
@FunctionalInterface
public interface OfficerNames {
    /** The full names of those of these usernames that have an account; the others are absent from the map. */
    Future<Map<String, String>> of(Set<String> usernames);
}
