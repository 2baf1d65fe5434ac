package vn.onedesk.engine.simulation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import vn.onedesk.engine.ticketing.Channel;

/**
 * What booked slots do to a day, measured on the same citizens twice: once as they came (those with a booking are
 * APPOINTMENT tickets, which the queue serves near their slot) and once as if nobody had booked (the same arrivals,
 * every one a walk-in). Some booked citizens never come at all ({@code bookedNoShowShare}, drawn with a generator of
 * its own so that the day's other draws stay those of its seed): their slot is lost, they take no ticket.
 *
 * <p>Each figure is the mean over the runs of that day's figure.
 *
 * @param booked                           citizens who booked and came, per day
 * @param bookedNoShows                    booked citizens who never came, per day
 * @param walkInMeanWaitMinutes            walk-ins' mean wait (arrival to first call) with the bookings served
 * @param walkInMeanWaitWithoutBookings    the same citizens' mean wait had nobody booked
 * @param walkInP90WaitMinutes             walk-ins' 90th percentile wait with the bookings served (nearest rank)
 * @param walkInP90WaitWithoutBookings     the same had nobody booked
 * @param bookedMeanMinutesFromSlotToCall  booked citizens' mean time from their slot (or their arrival, if later) to
 *                                         their first call
 */
public record BookingEffect(String policy, int runs, double booked, double bookedNoShows,
                            double walkInMeanWaitMinutes, double walkInMeanWaitWithoutBookings,
                            double walkInP90WaitMinutes, double walkInP90WaitWithoutBookings,
                            double bookedMeanMinutesFromSlotToCall) {
    /** Mixed into a day's seed for the draws of booked no-shows. */
    private static final long NO_SHOW_STREAM = 0x5107_B00CL;

    public static BookingEffect measure(DaySimulator simulator, String policy, int runs, long firstSeed,
                                        double bookedNoShowShare) {
        if (!(bookedNoShowShare >= 0 && bookedNoShowShare <= 1)) {
            throw new IllegalArgumentException("the booked no-show share must be from 0 to 1, got " + bookedNoShowShare);
        }
        double[] sums = new double[7];
        for (int r = 0; r < runs; r++) {
            long seed = firstSeed + r;
            List<Visit> drawn = DemandGenerator.day(simulator.scenario(), DaySimulator.DAY, seed);
            SplittableRandom absent = new SplittableRandom(seed ^ NO_SHOW_STREAM);
            List<Visit> came = new ArrayList<>();
            List<Visit> nobodyBooked = new ArrayList<>();
            int noShows = 0;
            for (Visit v : drawn) {
                if (v.appointmentAt() != null && absent.nextDouble() < bookedNoShowShare) {
                    noShows++;
                    continue;
                }
                came.add(v);
                nobodyBooked.add(new Visit(v.index(), v.arrival(), v.priority(), null, v.absent(), v.legs()));
            }
            Set<String> walkIns = new HashSet<>();
            came.stream().filter(v -> v.appointmentAt() == null).forEach(v -> walkIns.add(v.ticketId()));
            DayResult withBookings = simulator.runDay(policy, seed, came);
            DayResult without = simulator.runDay(policy, seed, nobodyBooked);
            Predicate<TicketOutcome> walkIn = t -> walkIns.contains(t.id());
            List<Double> with = waits(withBookings, walkIn);
            List<Double> none = waits(without, walkIn);
            List<Double> fromSlot = new ArrayList<>();
            for (TicketOutcome t : withBookings.tickets()) {
                if (t.channel() == Channel.APPOINTMENT && !t.legs().isEmpty() && t.legs().get(0).called() != null) {
                    Instant from = t.appointmentAt() != null && t.appointmentAt().isAfter(t.arrival())
                            ? t.appointmentAt() : t.arrival();
                    fromSlot.add(Duration.between(from, t.legs().get(0).called()).toSeconds() / 60.0);
                }
            }
            sums[0] += came.size() - walkIns.size();
            sums[1] += noShows;
            sums[2] += mean(with);
            sums[3] += mean(none);
            sums[4] += p90(with);
            sums[5] += p90(none);
            sums[6] += mean(fromSlot);
        }
        return new BookingEffect(policy, runs, sums[0] / runs, sums[1] / runs, sums[2] / runs, sums[3] / runs,
                sums[4] / runs, sums[5] / runs, sums[6] / runs);
    }

    private static List<Double> waits(DayResult day, Predicate<TicketOutcome> which) {
        List<Double> waits = new ArrayList<>();
        for (TicketOutcome t : day.tickets()) {
            if (which.test(t)) {
                t.waitToFirstCall().ifPresent(w -> waits.add(w.toSeconds() / 60.0));
            }
        }
        return waits;
    }

    private static double mean(List<Double> values) {
        return values.isEmpty() ? 0 : values.stream().mapToDouble(Double::doubleValue).sum() / values.size();
    }

    private static double p90(List<Double> values) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get((int) Math.ceil(0.9 * sorted.size()) - 1);
    }
}
