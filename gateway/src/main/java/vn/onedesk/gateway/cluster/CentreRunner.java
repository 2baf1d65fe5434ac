package vn.onedesk.gateway.cluster;

import io.vertx.core.Future;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.gateway.persistence.WriterFence;

/** Starts and stops a centre's writer on this node, as its ownership comes and goes. */
public interface CentreRunner {
    /** Loads the centre from the database and starts its writer, which loads only while {@code fence} lets it. */
    Future<Void> start(CentreDefinition centre, WriterFence fence);

    /** Stops the centre's writer here: its devices' requests go to the new owner from now on. */
    Future<Void> stop(String centreId);
}
