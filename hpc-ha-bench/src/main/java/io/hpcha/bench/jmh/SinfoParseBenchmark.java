package io.hpcha.bench.jmh;

import io.hpcha.SchedulerNode;
import io.hpcha.bench.cluster.CannedSlurm;
import io.hpcha.bench.cluster.GeneratedCluster;
import io.hpcha.bench.cluster.SinfoJson;
import io.hpcha.slurm.SlurmScheduler;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@link SlurmScheduler#nodes()} over a generated Slurm 22.05 {@code sinfo --json} of N nodes, through
 * the public API: the scheduler runs {@code sinfo --json} through a {@link CannedSlurm} that answers
 * with the document, then parses it. Measures the parse, not a real sinfo.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SinfoParseBenchmark {
    @Param({"1000", "10000", "50000"})
    public int nodes;

    private SlurmScheduler scheduler;

    @Setup
    public void setUp() {
        scheduler = SlurmScheduler.builder().runner(new CannedSlurm(SinfoJson.of(GeneratedCluster.of(nodes, 2)))).build();
        if (scheduler.nodes().size() != nodes) {
            throw new IllegalStateException("generated sinfo --json did not parse into " + nodes + " nodes");
        }
    }

    @Benchmark
    public List<SchedulerNode> sinfoJsonNodes() {
        return scheduler.nodes();
    }
}
