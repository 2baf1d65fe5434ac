package vn.onedesk.engine.simulation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.centre.ServiceField;
import vn.onedesk.engine.ticketing.Channel;

/**
 * What remote tickets do to a centre's waits: each seed's day is run twice under the same policy, without remote
 * tickets and with them ({@link RemoteDemand}), and the same citizens are compared. Waits are to the first call, in
 * minutes; a remote citizen's from when they reach the hall (the time before it they spent elsewhere).
 *
 * @param walkIns          the citizens who took their ticket at the kiosk in both days: their waits with remote tickets
 * @param walkInsWithout   the same citizens' waits in the day without
 * @param remote           the citizens who took their ticket from the phone and confirmed it: their waits in the hall
 * @param remoteWithout    the same citizens' waits in the day without, at the kiosk
 * @param remoteTaken      remote tickets taken a day (refused ones are not taken), on average
 * @param neverConfirmed   of them, those whose citizen never came, a day
 * @param expired          remote tickets passed over and expired (NO_SHOW) a day: those never confirmed, and those
 *                         whose citizen came too late (and then took a ticket at the kiosk)
 * @param waitingAtClose   remote tickets still waiting unconfirmed when the counters closed, a day
 */
public record RemoteTicketsStudy(String scenario, String policy, RemoteDemand demand, int days,
                                 WaitFigures walkIns, WaitFigures walkInsWithout, WaitFigures remote,
                                 WaitFigures remoteWithout, double remoteTaken, double neverConfirmed, double expired,
                                 double waitingAtClose) {

    /** Runs {@code runs} days with seeds {@code firstSeed, firstSeed + 1, …}, each without and with remote tickets. */
    public static RemoteTicketsStudy run(Scenario scenario, String policy, RemoteDemand demand, int runs,
                                         long firstSeed) {
        if (runs < 1) {
            throw new IllegalArgumentException("runs must be at least 1, got " + runs);
        }
        DaySimulator without = new DaySimulator(scenario);
        DaySimulator with = new DaySimulator(scenario, demand);
        CentreDefinition centre = scenario.centre();
        List<WaitFigures> walkIns = new ArrayList<>();
        List<WaitFigures> walkInsWithout = new ArrayList<>();
        List<WaitFigures> remote = new ArrayList<>();
        List<WaitFigures> remoteWithout = new ArrayList<>();
        long taken = 0;
        long neverConfirmed = 0;
        long expired = 0;
        long waitingAtClose = 0;
        for (int i = 0; i < runs; i++) {
            long seed = firstSeed + i;
            Map<String, TicketOutcome> base = byId(without.runDay(policy, seed));
            DayResult day = with.runDay(policy, seed);
            Pairs kiosk = new Pairs();
            Pairs phone = new Pairs();
            for (TicketOutcome t : day.tickets()) {
                if (t.channel() == Channel.REMOTE) {
                    taken++;
                    boolean comes = t.id().startsWith("R");
                    neverConfirmed += comes ? 0 : 1;
                    expired += t.end() == TicketOutcome.End.NO_SHOW && t.waitToFirstCall().isEmpty() ? 1 : 0;
                    waitingAtClose += t.end() == TicketOutcome.End.WAITING_AT_CLOSE ? 1 : 0;
                    if (comes) {
                        phone.add(centre, t, base.get("V" + t.id().substring(1)));
                    }
                } else if (t.channel() == Channel.WALK_IN) {
                    kiosk.add(centre, t, base.get(t.id()));
                }
            }
            // a citizen whose remote ticket expired before they came walked in too: compared among the walk-ins
            walkIns.add(kiosk.with());
            walkInsWithout.add(kiosk.without());
            remote.add(phone.with());
            remoteWithout.add(phone.without());
        }
        return new RemoteTicketsStudy(scenario.name(), policy, demand, runs, WaitFigures.mean(walkIns),
                WaitFigures.mean(walkInsWithout), WaitFigures.mean(remote), WaitFigures.mean(remoteWithout),
                (double) taken / runs, (double) neverConfirmed / runs, (double) expired / runs,
                (double) waitingAtClose / runs);
    }

    private static Map<String, TicketOutcome> byId(DayResult day) {
        Map<String, TicketOutcome> byId = new HashMap<>();
        day.tickets().forEach(t -> byId.put(t.id(), t));
        return byId;
    }

    /** The waits of the citizens called in both days, with and without remote tickets, with their targets. */
    private static final class Pairs {
        final List<double[]> waits = new ArrayList<>();

        void add(CentreDefinition centre, TicketOutcome with, TicketOutcome without) {
            if (without == null) {
                return;
            }
            Optional<java.time.Duration> a = with.waitToFirstCall();
            Optional<java.time.Duration> b = without.waitToFirstCall();
            if (a.isEmpty() || b.isEmpty()) {
                return;
            }
            double target = centre.service(with.service()).map(ServiceField::targetWait)
                    .map(d -> d.toSeconds() / 60.0).orElse(Double.MAX_VALUE);
            waits.add(new double[] {a.get().toSeconds() / 60.0, b.get().toSeconds() / 60.0, target});
        }

        WaitFigures with() {
            return figures(0);
        }

        WaitFigures without() {
            return figures(1);
        }

        private WaitFigures figures(int which) {
            return WaitFigures.of(waits.stream().mapToDouble(w -> w[which]).toArray(),
                    waits.stream().mapToDouble(w -> w[2]).toArray());
        }
    }
}
