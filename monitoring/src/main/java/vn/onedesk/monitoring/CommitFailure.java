package vn.onedesk.monitoring;

/** Why a centre's commit failed. */
public enum CommitFailure {
    /** Another writer advanced the centre's version first (optimistic concurrency). */
    STALE_VERSION,
    /** PostgreSQL answered with an error. */
    DATABASE_ERROR,
    /** PostgreSQL could not be reached or the connection broke. */
    UNAVAILABLE;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
