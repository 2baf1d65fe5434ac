package vn.onedesk.benchmarks;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import vn.onedesk.engine.CentreQueue;
import vn.onedesk.engine.Command;
import vn.onedesk.engine.Decision;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.estimation.WaitEstimators;
import vn.onedesk.engine.routing.RoutingPolicies;
import vn.onedesk.engine.ticketing.Channel;
import vn.onedesk.engine.ticketing.PriorityGroup;

/**
 * How long the engine takes to decide CALL_NEXT at the provincial centre with 5,000 citizens
 * waiting across its 10 services (by the scenario's service mix; 7% priority, 10% appointments),
 * for each routing policy. Deciding changes nothing, so every invocation decides the same call.
 * Q01 has one primary and two secondary skills; Q24 has one primary and seven secondary skills.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class CallNextBenchmark {
    @Param({"balanced", "dedicated", "fifo-pooled", "fully-pooled"})
    public String policy;

    @Param({"Q01", "Q24"})
    public String counter;

    @Param({"5000"})
    public int waiting;

    private CentreQueue queue;
    private Command.CallNext callNext;
    private Instant now;

    @Setup(Level.Trial)
    public void fillTheHall() {
        CentreDefinition centre = ProvincialCentre.definition();
        queue = CentreQueue.empty(centre, RoutingPolicies.byName(policy).orElseThrow(),
                WaitEstimators.byName("ql").orElseThrow());
        ZoneId zone = centre.timezone();
        Instant opening = LocalDate.of(2025, 3, 3).atTime(7, 0).atZone(zone).toInstant();
        SplittableRandom random = new SplittableRandom(20231101);
        Instant t = opening;
        for (int i = 0; i < waiting; i++) {
            t = t.plusMillis(random.nextInt(1, 2_000)); // 5,000 arrivals within about 85 min
            double u = random.nextDouble();
            int s = 0;
            while (s < ProvincialCentre.MIX.length - 1 && (u -= ProvincialCentre.MIX[s]) >= 0) {
                s++;
            }
            PriorityGroup priority = random.nextDouble() < 0.07 ? PriorityGroup.ELDERLY : PriorityGroup.NONE;
            boolean booked = random.nextDouble() < 0.10;
            Instant appointmentAt = booked ? t.plusSeconds(random.nextInt(-600, 3_600)) : null;
            Decision issued = queue.handle(new Command.IssueTicket("b" + i, ProvincialCentre.SERVICES[s], priority,
                    booked ? Channel.APPOINTMENT : Channel.WALK_IN, appointmentAt), t);
            if (!(issued instanceof Decision.Accepted)) {
                throw new IllegalStateException("ticket refused: " + issued);
            }
        }
        now = t.plusSeconds(60);
        for (var c : centre.counters()) {
            queue.handle(new Command.OpenCounter(c.id()), now);
        }
        callNext = new Command.CallNext(counter);
        if (!(queue.decide(callNext, now) instanceof Decision.Accepted)) {
            throw new IllegalStateException("nothing to call at " + counter);
        }
    }

    @Benchmark
    public Decision decideCallNext() {
        return queue.decide(callNext, now);
    }
}
