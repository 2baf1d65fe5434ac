package vn.onedesk.gateway.monitoring;

import io.vertx.core.Future;
import java.util.List;
import vn.onedesk.protocol.displays.WaitEstimate;

/**
 * Where the gauges read a centre's wait estimates: what its hall display shows, projected off the centre's writer
 * context by the displays (the wiring passes {@code DisplayFeed::shownWaits}). An interface here rather than a
 * dependency on the displays package, so that monitoring needs nothing of how displays are fed.
 */
@FunctionalInterface
public interface ShownWaits {
    /** Each service's wait as the centre's hall display shows it; completes on the caller's context. */
    Future<List<WaitEstimate>> of(String centreId);
}
