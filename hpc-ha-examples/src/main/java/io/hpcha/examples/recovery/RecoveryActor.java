package io.hpcha.examples.recovery;

import io.hpcha.ComputeFleet;
import io.hpcha.ConfigurationException;
import io.hpcha.NodeId;
import io.hpcha.Scheduler;
import io.hpcha.policy.ActionContext;
import io.hpcha.policy.Actor;
import io.hpcha.policy.Decision;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out the {@link RecoveryDecider}'s actions on the fleet and the scheduler. Every action is
 * idempotent (starting a running instance and marking a DOWN node down do nothing). Thread-safe.
 */
public final class RecoveryActor implements Actor {
    private static final Logger LOG = LoggerFactory.getLogger(RecoveryActor.class);

    private final ComputeFleet fleet;
    private final Scheduler scheduler;
    private final TakeOut takeOut;
    private final String reason;
    private final Optional<ReplacementLauncher> launcher;

    public RecoveryActor(ComputeFleet fleet, Scheduler scheduler, TakeOut takeOut, String reason, Optional<ReplacementLauncher> launcher) {
        this.fleet = Objects.requireNonNull(fleet, "fleet");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.takeOut = Objects.requireNonNull(takeOut, "takeOut");
        this.reason = Objects.requireNonNull(reason, "reason");
        this.launcher = Objects.requireNonNull(launcher, "launcher");
    }

    @Override
    public void act(Decision d, ActionContext ctx) {
        switch (d.action()) {
            case RecoveryDecider.START_STANDBY -> {
                String instance = d.param("instance");
                LOG.atInfo().setMessage("Starting Standby Node {}").addArgument(instance)
                        .addKeyValue("pair", d.subject()).addKeyValue("instance", instance)
                        .addKeyValue("fencingToken", ctx.fencingToken()).log();
                fleet.start(List.of(instance));
            }
            case RecoveryDecider.TAKE_OUT -> {
                NodeId node = NodeId.of(d.param("node"));
                LOG.atInfo().setMessage("{} failed node {} in Slurm").addArgument(takeOut == TakeOut.DOWN ? "Marking DOWN" : "Draining")
                        .addArgument(node).addKeyValue("node", node).addKeyValue("fencingToken", ctx.fencingToken()).log();
                if (takeOut == TakeOut.DOWN) {
                    scheduler.markDown(List.of(node), reason);
                } else {
                    scheduler.drain(List.of(node), reason);
                }
            }
            case RecoveryDecider.RESUME -> {
                NodeId node = NodeId.of(d.param("node"));
                LOG.atInfo().setMessage("Resuming node {} in Slurm").addArgument(node)
                        .addKeyValue("node", node).addKeyValue("fencingToken", ctx.fencingToken()).log();
                scheduler.resume(List.of(node));
            }
            case RecoveryDecider.LAUNCH_REPLACEMENT -> {
                NodeId node = NodeId.of(d.param("node"));
                ReplacementLauncher l = launcher.orElseThrow(() -> new ConfigurationException(
                        "agent.recovery: launch-replacement needs a fleet that can launch instances"));
                String id = l.launch(node);
                LOG.atInfo().setMessage("Launching Replacement Node {} for {}").addArgument(id).addArgument(node)
                        .addKeyValue("pair", d.subject()).addKeyValue("instance", id)
                        .addKeyValue("fencingToken", ctx.fencingToken()).log();
            }
            default -> throw new IllegalArgumentException("recovery actor cannot " + d.action());
        }
    }
}
