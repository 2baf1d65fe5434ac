package vn.onedesk.engine;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import vn.onedesk.engine.day.DaySimulation;
import vn.onedesk.engine.day.ProvincialCentre;
import vn.onedesk.engine.routing.RoutingPolicies;

/** Prints waits and estimator accuracy per policy and day; run with -Donedesk.calibrate=true. */
class EstimatorCalibrationReport {
    @Test
    @EnabledIfSystemProperty(named = "onedesk.calibrate", matches = "true")
    void report() {
        int seeds = Integer.getInteger("onedesk.seeds", 10);
        for (ProvincialCentre.Day day : List.of(ProvincialCentre.ordinaryDay(), ProvincialCentre.rushDay())) {
            for (String policy : System.getProperty("onedesk.policies", String.join(",", RoutingPolicies.names())).split(",")) {
                DaySimulation.Result total = null;
                long t0 = System.nanoTime();
                for (long seed = 1; seed <= seeds; seed++) {
                    DaySimulation.Result r = DaySimulation.run(day, policy, List.of("onedesk", "ql", "les"), seed);
                    total = total == null ? r : total.plus(r);
                }
                DaySimulation.Result all = total;
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                        "%-22s %-12s mean %5.1f p90 %5.1f |", day.name(), policy, all.mean(), all.p90()));
                all.accuracy().forEach((name, a) -> line.append(String.format(Locale.ROOT,
                        " %s mae %5.1f rmse %5.1f in %4.2f |", name, a.mae(), a.rmse(), a.insideShare())));
                line.append(String.format(Locale.ROOT, " %.1fs", (System.nanoTime() - t0) / 1e9));
                System.out.println(line);
                StringBuilder svc = new StringBuilder("    p90 by service:");
                all.waitsByService().forEach((s, w) -> svc.append(String.format(Locale.ROOT, " %s %.0f/%d", s,
                        DaySimulation.Result.quantile(w, 0.9), all.targets().get(s))));
                System.out.println(svc);
            }
        }
    }
}
