package vn.onedesk.engine.estimation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The wait estimators by name: the one citizens see, and the references it is measured against. */
public final class WaitEstimators {
    private static final Map<String, Supplier<WaitEstimator>> ESTIMATORS = new LinkedHashMap<>();

    static {
        ESTIMATORS.put(OneDeskEstimator.NAME, OneDeskEstimator::new);
        ESTIMATORS.put("ql", QueueLengthEstimator::new);
        ESTIMATORS.put("les", LastToEnterServiceEstimator::new);
    }

    private WaitEstimators() {
    }

    public static Optional<WaitEstimator> byName(String name) {
        return Optional.ofNullable(ESTIMATORS.get(name)).map(Supplier::get);
    }

    public static List<String> names() {
        return List.copyOf(ESTIMATORS.keySet());
    }

    /** What citizens are shown unless configured otherwise: OneDesk's {@link OneDeskEstimator}. */
    public static String defaultName() {
        return OneDeskEstimator.NAME;
    }

    /** The estimator used unless configured otherwise. */
    public static WaitEstimator defaultEstimator() {
        return byName(defaultName()).orElseThrow();
    }
}
