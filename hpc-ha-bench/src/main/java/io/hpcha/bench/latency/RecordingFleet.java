package io.hpcha.bench.latency;

import io.hpcha.ComputeFleet;
import io.hpcha.FleetInstance;
import io.hpcha.InstanceState;
import io.hpcha.NodeId;
import io.hpcha.StatusCheck;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The EC2 side of the latency benchmark, where only Slurm fails: every primary's instance runs with
 * both checks ok, the standby's is stopped, and nothing ever changes. {@link #start} is the
 * remediation call being timed: it records when it was first called ({@link System#nanoTime()}).
 * Thread-safe.
 */
final class RecordingFleet implements ComputeFleet {
    private final List<FleetInstance> instances;
    private final AtomicLong firstStart = new AtomicLong(-1);

    RecordingFleet(List<String> primaries, String standby) {
        List<FleetInstance> list = new java.util.ArrayList<>();
        for (String p : primaries) {
            list.add(instance(p, InstanceState.RUNNING, StatusCheck.OK));
        }
        list.add(instance(standby, InstanceState.STOPPED, StatusCheck.NOT_APPLICABLE));
        this.instances = List.copyOf(list);
    }

    static String instanceIdOf(String node) {
        return String.format(java.util.Locale.ROOT, "i-%017x", Math.abs(node.hashCode()));
    }

    private static FleetInstance instance(String node, InstanceState state, StatusCheck check) {
        return new FleetInstance(instanceIdOf(node), Optional.of(NodeId.of(node)), state, check, check, List.of(),
                Map.of("hpc-ha:node", node));
    }

    @Override
    public List<FleetInstance> instances() {
        return instances;
    }

    @Override
    public void start(Collection<String> instanceIds) {
        firstStart.compareAndSet(-1, System.nanoTime());
    }

    @Override
    public void stop(Collection<String> instanceIds, boolean force) {
        throw new UnsupportedOperationException("the latency benchmark never stops instances");
    }

    @Override
    public void reboot(Collection<String> instanceIds) {
        throw new UnsupportedOperationException("the latency benchmark never reboots instances");
    }

    /** {@link System#nanoTime()} of the first remediation call, or -1. */
    long firstStartNanos() {
        return firstStart.get();
    }
}
