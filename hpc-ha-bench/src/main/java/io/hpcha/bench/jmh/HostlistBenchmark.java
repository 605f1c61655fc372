package io.hpcha.bench.jmh;

import io.hpcha.bench.cluster.GeneratedCluster;
import io.hpcha.slurm.Hostlist;
import java.util.ArrayList;
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
 * {@link Hostlist#compress} and {@link Hostlist#expand} over N node names: every node
 * ({@code c[00001-N]}, one range) and every primary alone ({@code c[00001,00003,…]}, nothing adjacent:
 * the worst case, as when half the cluster is taken out at once).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class HostlistBenchmark {
    @Param({"1000", "10000", "50000"})
    public int nodes;

    private List<String> all;
    private List<String> primaries;
    private String allExpression;
    private String primariesExpression;

    @Setup
    public void setUp() {
        all = new ArrayList<>(nodes);
        primaries = new ArrayList<>(nodes / 2);
        for (int i = 0; i < nodes; i++) {
            all.add(GeneratedCluster.nodeName(i));
            if (i % 2 == 0) {
                primaries.add(GeneratedCluster.nodeName(i));
            }
        }
        allExpression = Hostlist.compress(all);
        primariesExpression = Hostlist.compress(primaries);
        if (!Hostlist.expand(allExpression).equals(all) || !Hostlist.expand(primariesExpression).equals(primaries)) {
            throw new IllegalStateException("hostlist round trip failed");
        }
    }

    @Benchmark
    public String compressContiguous() {
        return Hostlist.compress(all);
    }

    @Benchmark
    public String compressEveryOther() {
        return Hostlist.compress(primaries);
    }

    @Benchmark
    public List<String> expandContiguous() {
        return Hostlist.expand(allExpression);
    }

    @Benchmark
    public List<String> expandEveryOther() {
        return Hostlist.expand(primariesExpression);
    }
}
