package io.hpcha.drbd.internal;

import io.hpcha.drbd.Fixture;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Benchmark, not a test: how fast the parsers read real DRBD output, so a policy knows what a
 * status read or an events2 line costs on the CPU. Prints numbers and asserts nothing. Run with
 * {@code java -cp <test classpath> io.hpcha.drbd.internal.DrbdParsersBenchmark}.
 */
public final class DrbdParsersBenchmark {
    private DrbdParsersBenchmark() {
    }

    public static void main(String[] args) {
        List<String> lines = Fixture.events2("events2-all-create-change.test", "--full");
        String json = Fixture.load("drbd9-status-json/status-json-sle15-five-resources.json");
        String proc = Fixture.load("drbd84/proc-drbd-8.4.11-synctarget.txt");
        for (int round = 0; round < 3; round++) { // the first rounds warm the JIT up
            report("events2 line parse+apply", 200_000, lines.size(), () -> {
                Events2State state = new Events2State();
                for (String l : lines) {
                    Events2Parser.parseLine(l).ifPresent(state::apply);
                }
                state.snapshot("some-resource");
            });
            report("status --json (5 resources) parse+map", 50_000, 1,
                    () -> VolumeStatusMapper.map(StatusJson.parse(json, "vg3").orElseThrow(), "me", Set.of(), json));
            report("/proc/drbd 8.4 parse", 200_000, 1, () -> ProcDrbd.parse(proc));
        }
    }

    private static void report(String what, int iterations, int itemsPerIteration, Runnable work) {
        long start = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            work.run();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double items = (double) iterations * itemsPerIteration;
        System.out.printf(Locale.ROOT, "%-40s %10.0f items/s  %8.2f us/item%n", what, items / seconds, seconds * 1e6 / items);
    }
}
