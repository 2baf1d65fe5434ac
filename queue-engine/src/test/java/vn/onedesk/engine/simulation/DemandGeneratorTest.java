package vn.onedesk.engine.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import vn.onedesk.engine.ticketing.Channel;

/** The citizens of a simulated day follow the scenario's demand, over many seeded days. */
class DemandGeneratorTest {
    private static final int DAYS = 400;

    private static List<Visit> manyDays(Scenario scenario) {
        List<Visit> all = new ArrayList<>();
        for (long seed = 1; seed <= DAYS; seed++) {
            all.addAll(DemandGenerator.day(scenario, DaySimulator.DAY, seed));
        }
        return all;
    }

    @Test
    void theSameSeedDrawsTheSameCitizens() {
        Scenario hall = TestScenarios.hall(300);
        assertEquals(DemandGenerator.day(hall, DaySimulator.DAY, 5), DemandGenerator.day(hall, DaySimulator.DAY, 5));
    }

    @Test
    void arrivalsFollowTheHourlySharesOverManyDays() {
        Scenario commune = TestScenarios.commune();
        List<Visit> visits = manyDays(commune);
        Map<Integer, Integer> byHour = new TreeMap<>();
        visits.forEach(v -> byHour.merge(LocalTime.ofInstant(v.arrival(), TestScenarios.ZONE).getHour(), 1,
                Integer::sum));
        assertEquals(commune.demand().arrivalShareByHour().keySet(), byHour.keySet());
        commune.demand().arrivalShareByHour().forEach((hour, share) -> assertEquals(share,
                (double) byHour.get(hour) / visits.size(), 0.006, "hour " + hour + ": " + byHour));
        // uniform within the hour: as many in the first half of each hour as in the second
        long firstHalf = visits.stream()
                .filter(v -> LocalTime.ofInstant(v.arrival(), TestScenarios.ZONE).getMinute() < 30).count();
        assertEquals(0.5, (double) firstHalf / visits.size(), 0.01);
        // in arrival order
        for (long seed = 1; seed <= 20; seed++) {
            List<Visit> day = DemandGenerator.day(commune, DaySimulator.DAY, seed);
            for (int i = 1; i < day.size(); i++) {
                assertTrue(!day.get(i).arrival().isBefore(day.get(i - 1).arrival()));
            }
        }
    }

    @Test
    void theNumberOfVisitsIsPoissonAroundTheMean() {
        Scenario hall = TestScenarios.hall(650);
        double[] counts = new double[DAYS];
        for (int seed = 1; seed <= DAYS; seed++) {
            counts[seed - 1] = DemandGenerator.day(hall, DaySimulator.DAY, seed).size();
        }
        double mean = java.util.Arrays.stream(counts).average().orElseThrow();
        double variance = java.util.Arrays.stream(counts).map(c -> (c - mean) * (c - mean)).sum() / (DAYS - 1);
        // the standard error of the mean is sqrt(650/400) ≈ 1.3
        assertEquals(650, mean, 5, "mean");
        assertEquals(650, variance, 650 * 0.2, "variance: a Poisson count's equals its mean");
        SplittableRandom random = new SplittableRandom(3);
        double small = 0;
        for (int i = 0; i < 20_000; i++) {
            small += DemandGenerator.poisson(random, 2.5);
        }
        assertEquals(2.5, small / 20_000, 0.05);
    }

    @Test
    void servicesPriorityAppointmentsAndAbsenceFollowTheirShares() {
        Scenario commune = TestScenarios.commune();
        List<Visit> visits = manyDays(commune);
        Map<String, Integer> byService = new TreeMap<>();
        visits.forEach(v -> byService.merge(v.service(), 1, Integer::sum));
        commune.demand().serviceMix().forEach((service, share) ->
                assertEquals(share, (double) byService.get(service) / visits.size(), 0.006, service));
        assertEquals(0.10, share(visits, v -> v.priority().isPriority()), 0.005, "priority");
        assertEquals(0.05, share(visits, v -> v.channel() == Channel.APPOINTMENT), 0.004, "appointments");
        assertEquals(0.03, share(visits, Visit::absent), 0.003, "absent");
        // every priority group occurs
        assertEquals(5, visits.stream().map(Visit::priority).filter(p -> p.isPriority()).distinct().count());
    }

    @Test
    void appointmentSlotsAreOnTheFiveMinuteGridAFewMinutesAfterArrival() {
        List<Visit> booked = manyDays(TestScenarios.commune()).stream().filter(v -> v.appointmentAt() != null)
                .toList();
        assertTrue(booked.size() > 1000);
        for (Visit v : booked) {
            long after = Duration.between(v.arrival(), v.appointmentAt()).toSeconds();
            assertTrue(after >= 120 && after < 12 * 60 + 60, v.toString());
            assertEquals(0, LocalTime.ofInstant(v.appointmentAt(), TestScenarios.ZONE).getMinute() % 5, v.toString());
            assertEquals(0, LocalTime.ofInstant(v.appointmentAt(), TestScenarios.ZONE).getSecond(), v.toString());
        }
    }

    @Test
    void transfersFollowTheirShareAndComeAfterTheFirstService() {
        List<Visit> visits = manyDays(TestScenarios.hall(100));
        List<Visit> bhxh = visits.stream().filter(v -> v.service().equals("BHXH")).toList();
        double moved = share(bhxh, v -> v.legs().size() == 2);
        assertEquals(0.3, moved, 0.02);
        assertTrue(visits.stream().filter(v -> v.legs().size() > 1)
                .allMatch(v -> v.service().equals("BHXH") && v.legs().get(1).service().equals("KQ")));
        assertTrue(visits.stream().allMatch(v -> v.legs().size() <= 2));
    }

    @Test
    void aChainOfTransfersInALoopIsCut() {
        Scenario hall = TestScenarios.hall(50);
        Demand looping = new Demand(50, hall.demand().arrivalShareByHour(), hall.demand().serviceMix(), 0, 0, 0,
                List.of(new Demand.Transfer("BHXH", "KQ", 1), new Demand.Transfer("KQ", "BHXH", 1)), 1);
        Scenario loop = new Scenario("loop", "", hall.centre(), hall.counterSessions(), looping, hall.serviceTimes());
        List<Visit> visits = DemandGenerator.day(loop, DaySimulator.DAY, 1);
        assertTrue(visits.stream().anyMatch(v -> v.legs().size() == DemandGenerator.MAX_LEGS));
        assertTrue(visits.stream().allMatch(v -> v.legs().size() <= DemandGenerator.MAX_LEGS));
    }

    @Test
    void lognormalServiceTimesHaveTheScenarioMeanAndSpread() {
        ServiceTime time = new ServiceTime(720, 0.7);
        SplittableRandom random = new SplittableRandom(11);
        int n = 200_000;
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < n; i++) {
            double s = time.sample(random).toSeconds();
            sum += s;
            squares += s * s;
        }
        double mean = sum / n;
        double sd = Math.sqrt(squares / n - mean * mean);
        assertEquals(720, mean, 720 * 0.01);
        assertEquals(0.7, sd / mean, 0.7 * 0.04);
        assertEquals(Math.log(1 + 0.49), time.sigma() * time.sigma(), 1e-12);
        assertEquals(Math.log(720) - Math.log(1.49) / 2, time.mu(), 1e-12);
    }

    private static double share(List<Visit> visits, java.util.function.Predicate<Visit> which) {
        return (double) visits.stream().filter(which).count() / visits.size();
    }
}
