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
import vn.onedesk.engine.estimation.EstimatedWait;

/**
 * How long one wait estimate for a newcomer takes at the provincial centre under balanced, per
 * estimator: onedesk projects the centre forward (to at most 250 places, then extrapolates), QL divides.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class EstimateBenchmark {
    @Param({"onedesk", "ql"})
    public String estimator;

    @Param({"50", "5000"})
    public int waiting;

    private CentreQueue queue;
    private Instant now;

    @Setup(Level.Trial)
    public void fillTheHall() {
        queue = Hall.filled("balanced", estimator, waiting);
        now = Hall.after(queue);
    }

    @Benchmark
    public EstimatedWait estimateForNewcomerAtTp() {
        return queue.estimateForService("TP", now);
    }
}
