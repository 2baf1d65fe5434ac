package vn.onedesk.gateway.staff;

/** What a member of staff may do, and where (see {@link RoleAssignment}). */
public enum Role {
    /** Everything, at every centre of the gateway. Assigned without a centre. */
    ADMIN,
    /** Runs the centres they are assigned: reads their reports (and, later, configures them). */
    CENTRE_MANAGER,
    /** Works the counters of their centre. */
    OFFICER
}
