package vn.onedesk.gateway.persistence;

/** Another writer advanced the centre's version first: the in-memory queue is out of date. */
public final class StaleVersionException extends RuntimeException {
    public StaleVersionException(String centre, long expected) {
        super("centre " + centre + " is no longer at version " + expected + "; another writer committed first");
    }
}
