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
import org.openjdk.jmh.infra.Blackhole;
import vn.onedesk.engine.CentreQueue;
import vn.onedesk.engine.FrozenQueue;
import vn.onedesk.engine.centre.ServiceField;

/**
 * What a display refresh costs the centre's writer, and what it moved to a worker, at the provincial centre under
 * balanced with OneDesk's estimator: {@code freeze} is the snapshot the writer now takes per refresh;
 * {@code projectEveryLine} is one projection per service from it, which the writer used to compute itself.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class DisplaySnapshotBenchmark {
    @Param({"50", "5000"})
    public int waiting;

    private CentreQueue queue;
    private FrozenQueue frozen;
    private Instant now;

    @Setup(Level.Trial)
    public void fillTheHall() {
        queue = Hall.filled("balanced", "onedesk", waiting);
        now = Hall.after(queue);
        frozen = queue.frozen(now);
    }

    @Benchmark
    public FrozenQueue freeze() {
        return queue.frozen(now);
    }

    @Benchmark
    public void projectEveryLine(Blackhole sink) {
        for (ServiceField service : frozen.definition().services()) {
            sink.consume(frozen.forNewTicket(frozen.line(service.code()), service.code()));
        }
    }
}
