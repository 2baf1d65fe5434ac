package vn.onedesk.gateway.admin;

import io.vertx.core.Future;
import vn.onedesk.engine.centre.CentreDefinition;

/** Starts the single writer of a centre just created, and stops that of a centre removed; wired by the gateway. */
public interface CentreLauncher {
    /** Deploys the centre's runtime (its row is already in the database) and adds it to the running centres. */
    Future<Void> launch(CentreDefinition centre);

    /** Takes the centre's runtime out of the running centres and undeploys it. */
    Future<Void> retire(String centreId);
}
