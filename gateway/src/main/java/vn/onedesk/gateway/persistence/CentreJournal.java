package vn.onedesk.gateway.persistence;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.Optional;

/**
 * Where a centre's single writer keeps its truth: the whole queue read back at start (or after a failed commit),
 * and each batch of events written atomically, fenced by the centre's version. {@link CentreStore} is the
 * PostgreSQL journal; the interface lets the writer's failure paths be tested without stopping a database.
 */
public interface CentreJournal {
    /** The centre as last committed. */
    Future<CentreStore.Loaded> load(Instant now);

    /** Commits the batch in one transaction; fails with {@link StaleVersionException} if another writer won. */
    Future<Void> commit(CentreStore.Batch batch);

    /**
     * The reply stored with an accepted request, for a retry that comes after the writer has let go of the reply's
     * bytes; empty when no such request was stored.
     */
    Future<Optional<CentreStore.StoredReply>> storedReply(CentreStore.RequestKey key);
}
