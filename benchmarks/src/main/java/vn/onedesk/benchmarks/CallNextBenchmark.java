package vn.onedesk.benchmarks;

import java.time.Instant;
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
        queue = Hall.filled(policy, "ql", waiting);
        now = Hall.after(queue);
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
