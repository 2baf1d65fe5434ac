package vn.onedesk.gateway.displays;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import vn.onedesk.protocol.ticketing.EstimatedWaitView;

/**
 * Estimates of one queue state, so that each is computed once. The engine's estimate of a waiting
 * ticket depends only on its service and its place in that line (and the queue, which a commit
 * changes), and the estimate of a ticket taken now is that of the place after the last: so a service's
 * wait, and every ticket page open at the same place, share one computation (about 3 ms each with
 * 5,000 waiting). Cleared whenever the queue changes.
 */
final class EstimateMemo {
    private record Place(String service, int ahead) {
    }

    private final Map<Place, EstimatedWaitView> known = new HashMap<>();

    EstimatedWaitView get(String service, int ahead, Supplier<EstimatedWaitView> compute) {
        Place place = new Place(service, ahead);
        EstimatedWaitView view = known.get(place);
        if (view == null) {
            view = compute.get();
            known.put(place, view);
        }
        return view;
    }

    void clear() {
        known.clear();
    }
}
