package vn.onedesk.gateway.staff;

import io.vertx.core.json.JsonObject;
import java.util.Objects;
import java.util.Set;

/**
 * One role of a member of staff: ADMIN without a centre (it covers all of them), CENTRE_MANAGER or OFFICER of
 * one centre. A manager of several centres holds one assignment per centre.
 *
 * @param centre the centre id; null exactly for ADMIN
 */
public record RoleAssignment(Role role, String centre) {
    public RoleAssignment {
        Objects.requireNonNull(role, "role");
        if ((role == Role.ADMIN) != (centre == null)) {
            throw new IllegalArgumentException(role == Role.ADMIN ? "ADMIN covers every centre: give no centre"
                    : role + " needs the centre it is held at");
        }
    }

    public static RoleAssignment admin() {
        return new RoleAssignment(Role.ADMIN, null);
    }

    public static RoleAssignment managerOf(String centre) {
        return new RoleAssignment(Role.CENTRE_MANAGER, centre);
    }

    public static RoleAssignment officerAt(String centre) {
        return new RoleAssignment(Role.OFFICER, centre);
    }

    /** Whether this assignment grants one of {@code roles} at {@code centre}: ADMIN grants everything everywhere. */
    public boolean grants(Set<Role> roles, String centre) {
        return role == Role.ADMIN || (roles.contains(role) && Objects.equals(this.centre, centre));
    }

    /** {@code {"role": "CENTRE_MANAGER", "centre": "hcc-tinh"}}; an ADMIN's has no centre. */
    public JsonObject toJson() {
        JsonObject json = new JsonObject().put("role", role.name());
        if (centre != null) {
            json.put("centre", centre);
        }
        return json;
    }

    @Override
    public String toString() {
        return centre == null ? role.name() : role + " of " + centre;
    }
}
