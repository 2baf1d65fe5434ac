package vn.onedesk.gateway.staff;

import io.vertx.core.Future;

/**
 * Whether a username names an officer who may work at a centre: an enabled account holding OFFICER there. What a
 * TRANSFER to an officer checks before the engine reserves the ticket for them (the engine knows only who is bound
 * to a counter now), so that a ticket is never reserved for a mistyped name.
 */
public final class OfficerDirectory {
    private final StaffStore store;

    public OfficerDirectory(StaffStore store) {
        this.store = store;
    }

    public Future<Boolean> worksAt(String username, String centre) {
        return store.account(username).map(account -> OfficerVerdict.officerAt(account, centre));
    }
}
