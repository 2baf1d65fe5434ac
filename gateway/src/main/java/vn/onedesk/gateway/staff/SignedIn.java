package vn.onedesk.gateway.staff;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who a request comes from, once {@link Authentication} has found its session: the person, their roles as
 * they are now in the database, and when the session ends if it is not used again.
 */
public record SignedIn(String username, String fullName, Optional<String> operator, List<RoleAssignment> roles,
                       LoginSession session) {
    public SignedIn {
        roles = List.copyOf(roles);
    }

    /** Whether one of {@code roles} is held at {@code centre} (ADMIN holds every role everywhere). */
    public boolean may(Set<Role> roles, String centre) {
        return this.roles.stream().anyMatch(r -> r.grants(roles, centre));
    }

    /** When the session ends unless used again: the idle limit, never past the absolute one. */
    public Instant expiresAt() {
        return session.endsAt();
    }

    /** The body of login and of {@code GET /api/v1/auth/me}. */
    public JsonObject toJson() {
        JsonObject json = new JsonObject().put("username", username).put("fullName", fullName);
        operator.ifPresent(o -> json.put("operator", o));
        return json.put("roles", new JsonArray(roles.stream().map(RoleAssignment::toJson).toList()))
                .put("expiresAt", expiresAt().toString());
    }
}
