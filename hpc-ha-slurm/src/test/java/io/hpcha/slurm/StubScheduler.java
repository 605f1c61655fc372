package io.hpcha.slurm;

import io.hpcha.BackendUnavailableException;
import io.hpcha.ControllerStatus;
import io.hpcha.NodeId;
import io.hpcha.Scheduler;
import io.hpcha.SchedulerNode;
import java.util.Collection;
import java.util.List;

/** A scheduler whose reads return what the test set, or throw when it is "unreachable"; writes fail. */
final class StubScheduler implements Scheduler {
    volatile List<SchedulerNode> nodes = List.of();
    volatile List<ControllerStatus> controllers = List.of();
    volatile boolean unreachable;

    @Override
    public List<SchedulerNode> nodes() {
        if (unreachable) {
            throw new BackendUnavailableException("Unable to contact slurm controller (connect failure)");
        }
        return nodes;
    }

    @Override
    public List<ControllerStatus> controllers() {
        if (unreachable) {
            throw new BackendUnavailableException("timed out after PT150S: scontrol ping");
        }
        return controllers;
    }

    @Override
    public void drain(Collection<NodeId> n, String reason) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void resume(Collection<NodeId> n) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void markDown(Collection<NodeId> n, String reason) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void takeover() {
        throw new UnsupportedOperationException();
    }
}
