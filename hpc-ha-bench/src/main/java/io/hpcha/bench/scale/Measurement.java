package io.hpcha.bench.scale;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * What one measured run cost this JVM: wall time, CPU time of the whole process (every thread: the
 * caller, GC, JIT) and of the calling thread alone, bytes the calling thread allocated, and peak heap
 * (the sum of each heap pool's peak usage, reset after a full GC just before the run; pools peak at
 * different moments, so this is an upper bound). Immutable.
 *
 * @param wallNanos      elapsed time
 * @param processCpuNanos CPU time of the whole JVM
 * @param threadCpuNanos CPU time of the calling thread
 * @param allocatedBytes bytes allocated by the calling thread
 * @param peakHeapBytes  peak heap usage
 */
public record Measurement(long wallNanos, long processCpuNanos, long threadCpuNanos, long allocatedBytes, long peakHeapBytes) {
    /** Runs {@code body} once and measures it. */
    public static <T> Measured<T> of(java.util.function.Supplier<T> body) {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        System.gc();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long tid = Thread.currentThread().getId();
        long cpu0 = os.getProcessCpuTime();
        long thread0 = threads.getThreadCpuTime(tid);
        long alloc0 = threads.getThreadAllocatedBytes(tid);
        long wall0 = System.nanoTime();
        T result = body.get();
        long wall = System.nanoTime() - wall0;
        long alloc = threads.getThreadAllocatedBytes(tid) - alloc0;
        long thread = threads.getThreadCpuTime(tid) - thread0;
        long cpu = os.getProcessCpuTime() - cpu0;
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        return new Measured<>(result, new Measurement(wall, cpu, thread, alloc, peak));
    }

    /** A result and what it cost. */
    public record Measured<T>(T result, Measurement cost) {
    }

    /** This measurement scaled by {@code factor} (for an extrapolated sample); peak heap is not scaled. */
    public Measurement scaled(double factor) {
        return new Measurement(Math.round(wallNanos * factor), Math.round(processCpuNanos * factor),
                Math.round(threadCpuNanos * factor), Math.round(allocatedBytes * factor), peakHeapBytes);
    }

    /** The median of each field separately. */
    public static Measurement median(List<Measurement> ms) {
        return new Measurement(med(ms, Measurement::wallNanos), med(ms, Measurement::processCpuNanos),
                med(ms, Measurement::threadCpuNanos), med(ms, Measurement::allocatedBytes), med(ms, Measurement::peakHeapBytes));
    }

    private static long med(List<Measurement> ms, java.util.function.ToLongFunction<Measurement> f) {
        long[] v = ms.stream().mapToLong(f).sorted().toArray();
        return v[v.length / 2];
    }
}
