package io.hpcha.examples.recovery;

import io.hpcha.FleetInstance;
import io.hpcha.Health;
import io.hpcha.InstanceState;
import io.hpcha.NodeFlag;
import io.hpcha.NodeState;
import io.hpcha.ProbeResult;
import io.hpcha.SchedulerNode;
import io.hpcha.StatusCheck;
import io.hpcha.policy.Decider;
import io.hpcha.policy.Decision;
import io.hpcha.policy.FailureCensus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The recovery agent's policy, a pure function of a {@link ClusterSnapshot} and the time.
 *
 * <p>For each {@link ComputePair}: a primary is <em>failed</em> when its instance is stopped (or
 * stopping, shutting down, terminated), when either EC2 status check is impaired, or when Slurm reports
 * its node DOWN. Nothing else counts: an instance whose checks are still initializing, or a node that
 * is only not responding, is left alone, and a primary the fleet does not know is reported, not acted on.
 *
 * <p>A failed primary gets, in one pass: the standby started ({@code start-standby}) or, in
 * {@link RecoveryMode#LAUNCH_REPLACEMENT} mode, a replacement launched ({@code launch-replacement});
 * and, unless Slurm already has it DOWN or drained, the node taken out of Slurm ({@code take-out}). The
 * following passes wait for the standby's node to be IDLE, then report
 * {@code RECOVERY COMPLETE: Standby Node is Active.}; once the standby's instance runs and its slurmd
 * answers, a node still DOWN or drained from its time as a cold standby is returned to service
 * ({@code resume}). The log lines use the words the AWS HA cluster's
 * operators know. Immutable and thread-safe.
 */
public final class RecoveryDecider implements Decider<ClusterSnapshot> {
    /** Action kind: start a standby instance. */
    public static final String START_STANDBY = "start-standby";
    /** Action kind: launch a replacement instance. */
    public static final String LAUNCH_REPLACEMENT = "launch-replacement";
    /** Action kind: mark a failed node DOWN (or drain it) in Slurm. */
    public static final String TAKE_OUT = "take-out";
    /** Action kind: return a standby's (or replacement's) node to service once it responds. */
    public static final String RESUME = "resume";
    /** Decision parameter set on the decision that reports a finished recovery. */
    public static final String EVENT = "event";
    public static final String RECOVERY_COMPLETE = "recovery-complete";

    private final List<ComputePair> pairs;
    private final RecoveryMode mode;
    private final Duration standbyReadyTimeout;

    public RecoveryDecider(List<ComputePair> pairs, RecoveryMode mode, Duration standbyReadyTimeout) {
        this.pairs = List.copyOf(pairs);
        this.mode = Objects.requireNonNull(mode, "mode");
        this.standbyReadyTimeout = Objects.requireNonNull(standbyReadyTimeout, "standbyReadyTimeout");
    }

    public List<ComputePair> pairs() {
        return pairs;
    }

    @Override
    public List<Decision> decide(ClusterSnapshot s, Instant now) {
        List<Decision> out = new ArrayList<>();
        for (ComputePair pair : pairs) {
            decide(pair, s, now, out);
        }
        return out;
    }

    /** How many primaries look failed: the budget's mass-failure signal. */
    public FailureCensus census(ClusterSnapshot s) {
        int failing = 0;
        for (ComputePair pair : pairs) {
            if (failure(s.instance(pair.primary(), pair.primaryInstance()), s.node(pair.primary())).isPresent()) {
                failing++;
            }
        }
        return new FailureCensus(failing, pairs.size());
    }

    /**
     * The snapshot as probe results, for metrics: one {@code ec2-status} and one {@code slurm-nodes}
     * result per watched primary (UNKNOWN when the fleet or Slurm does not know it).
     */
    public List<ProbeResult> observations(ClusterSnapshot s, Instant now) {
        List<ProbeResult> out = new ArrayList<>();
        for (ComputePair pair : pairs) {
            String subject = pair.primary().value();
            Optional<FleetInstance> i = s.instance(pair.primary(), pair.primaryInstance());
            out.add(new ProbeResult("ec2-status", subject, i.map(RecoveryDecider::instanceHealth).orElse(Health.UNKNOWN),
                    i.map(x -> word(x.state()) + ", " + health(x)).orElse("no instance"), now));
            Optional<SchedulerNode> n = s.node(pair.primary());
            out.add(new ProbeResult("slurm-nodes", subject, n.map(RecoveryDecider::nodeHealth).orElse(Health.UNKNOWN),
                    n.map(SchedulerNode::rawState).orElse("not known to Slurm"), now));
        }
        return out;
    }

    private static Health instanceHealth(FleetInstance i) {
        if (!i.state().isUp() || i.isImpaired()) {
            return Health.UNHEALTHY;
        }
        return i.systemStatus() == StatusCheck.OK && i.instanceStatus() == StatusCheck.OK ? Health.HEALTHY : Health.UNKNOWN;
    }

    private static Health nodeHealth(SchedulerNode n) {
        if (n.state() == NodeState.DOWN) {
            return Health.UNHEALTHY;
        }
        return n.isAvailable() ? Health.HEALTHY : Health.DEGRADED;
    }

    private void decide(ComputePair pair, ClusterSnapshot s, Instant now, List<Decision> out) {
        String label = pair.label();
        Optional<FleetInstance> primary = s.instance(pair.primary(), pair.primaryInstance());
        Optional<SchedulerNode> primaryNode = s.node(pair.primary());
        if (primary.isEmpty()) {
            out.add(Decision.none(label, "Monitoring " + label + "... no EC2 instance found for node " + pair.primary()
                    + pair.primaryInstance().map(id -> " (" + id + ")").orElse("") + "; not acting on an unknown instance"));
            return;
        }
        Optional<String> failure = failure(primary, primaryNode);
        if (failure.isEmpty()) {
            out.add(monitoring(label, primary.get(), now, s, pair));
            return;
        }
        if (mode == RecoveryMode.START_STANDBY) {
            recoverWithStandby(pair, s, failure.get(), primaryNode, now, out);
        } else {
            recoverWithReplacement(pair, s, failure.get(), primary.get(), primaryNode, now, out);
        }
    }

    private Decision monitoring(String label, FleetInstance i, Instant now, ClusterSnapshot s, ComputePair pair) {
        if (mode == RecoveryMode.LAUNCH_REPLACEMENT && s.recovering().containsKey(label)) {
            return complete(label, "RECOVERY COMPLETE: Replacement Node " + i.instanceId() + " is Active.");
        }
        return Decision.none(label, "Monitoring " + label + "... Status: " + word(i.state()) + " | Health: " + health(i));
    }

    private void recoverWithStandby(ComputePair pair, ClusterSnapshot s, String why, Optional<SchedulerNode> primaryNode,
                                    Instant now, List<Decision> out) {
        String label = pair.label();
        Optional<FleetInstance> standby = s.instance(pair.standby(), pair.standbyInstance());
        if (standby.isEmpty()) {
            out.add(Decision.none(label, "ALERT: Primary Compute Node Failed (" + why + "), and no standby instance was found for "
                    + pair.standby() + ". Operator action needed."));
            takeOut(pair, why, primaryNode, out);
            return;
        }
        FleetInstance st = standby.get();
        switch (st.state()) {
            case STOPPED -> {
                out.add(Decision.act(START_STANDBY, label, "ALERT: Primary Compute Node Failed. Initiating Recovery... (" + why + ")",
                        Map.of("instance", st.instanceId(), "node", pair.standby().value())));
                takeOut(pair, why, primaryNode, out);
            }
            case PENDING, RUNNING -> {
                takeOut(pair, why, primaryNode, out);
                out.add(awaitStandby(label, pair, st, s, now));
            }
            default -> out.add(Decision.none(label, "ALERT: Primary Compute Node Failed (" + why + "), and standby " + st.instanceId()
                    + " is " + word(st.state()) + ". Operator action needed."));
        }
    }

    private Decision awaitStandby(String label, ComputePair pair, FleetInstance st, ClusterSnapshot s, Instant now) {
        Optional<SchedulerNode> node = s.node(pair.standby());
        if (st.isImpaired()) {
            return Decision.none(label, "ALERT: Standby Node " + st.instanceId() + " is impaired (" + health(st) + "). Operator action needed.");
        }
        if (node.isPresent() && node.get().state() == NodeState.IDLE && node.get().isAvailable()) {
            if (s.recovering().containsKey(label)) {
                return complete(label, "RECOVERY COMPLETE: Standby Node is Active.");
            }
            return Decision.none(label, "Monitoring " + label + "... primary down, running on standby " + st.instanceId()
                    + ": Status: " + word(st.state()) + " | Health: " + health(st));
        }
        if (needsResume(st, node)) {
            return resume(pair.standby().value(), "Standby Node " + st.instanceId() + " is up; returning " + pair.standby()
                    + " to service in Slurm (was " + node.get().rawState() + ")");
        }
        return Decision.none(label, waiting("standby node " + pair.standby(), st, node, s.recovering().get(label), now));
    }

    private void recoverWithReplacement(ComputePair pair, ClusterSnapshot s, String why, FleetInstance primary,
                                        Optional<SchedulerNode> primaryNode, Instant now, List<Decision> out) {
        String label = pair.label();
        if (primary.state().isUp() && !primary.isImpaired() && !s.recovering().containsKey(label)) {
            // a replacement would fight the healthy instance for the node name
            out.add(Decision.none(label, "ALERT: Primary Compute Node Failed (" + why + ") but its instance " + primary.instanceId()
                    + " is healthy; not launching a replacement beside it. Operator action needed."));
            return;
        }
        Optional<FleetInstance> replacement = s.instancesOf(pair.primary()).stream()
                .filter(i -> i.state().isUp() && !i.isImpaired() && !i.instanceId().equals(failedId(primary))).findFirst();
        takeOut(pair, why, primaryNode, out);
        if (replacement.isEmpty()) {
            out.add(Decision.act(LAUNCH_REPLACEMENT, label, "ALERT: Primary Compute Node Failed. Initiating Recovery... (" + why + ")",
                    Map.of("node", pair.primary().value(), "failed", primary.instanceId())));
        } else if (needsResume(replacement.get(), primaryNode)) {
            out.add(resume(pair.primary().value(), "Replacement Node " + replacement.get().instanceId() + " is up; returning "
                    + pair.primary() + " to service in Slurm (was " + primaryNode.get().rawState() + ")"));
        } else {
            out.add(Decision.none(label, waiting("node " + pair.primary() + " on replacement " + replacement.get().instanceId(),
                    replacement.get(), primaryNode, s.recovering().get(label), now)));
        }
    }

    /**
     * Whether a node whose new instance runs still needs returning to service: its slurmd answers (no
     * NOT_RESPONDING), but it is still DOWN or drained from before. Resuming earlier would only let Slurm
     * set it DOWN again for not responding.
     */
    private static boolean needsResume(FleetInstance i, Optional<SchedulerNode> node) {
        return i.state() == InstanceState.RUNNING && node.isPresent() && !node.get().has(NodeFlag.NOT_RESPONDING)
                && (node.get().state() == NodeState.DOWN || node.get().isDrained());
    }

    private static Decision resume(String node, String reason) {
        return Decision.act(RESUME, node, reason, Map.of("node", node));
    }

    /** The instance that failed: a primary that is still up but impaired, or one that is down. */
    private static String failedId(FleetInstance primary) {
        return primary.state().isUp() && !primary.isImpaired() ? "" : primary.instanceId();
    }

    private String waiting(String what, FleetInstance i, Optional<SchedulerNode> node, Instant since, Instant now) {
        String slurm = node.map(SchedulerNode::rawState).orElse("not known to Slurm yet");
        String text = "Waiting for " + what + " to become IDLE (EC2: " + word(i.state()) + ", Slurm: " + slurm + ")";
        if (since != null && Duration.between(since, now).compareTo(standbyReadyTimeout) > 0) {
            text += "; ALERT: not ready " + Duration.between(since, now).toSeconds() + " s after recovery started";
        }
        return text;
    }

    private static Decision complete(String label, String reason) {
        return new Decision(Decision.NO_ACTION, label, reason, Map.of(EVENT, RECOVERY_COMPLETE));
    }

    private static void takeOut(ComputePair pair, String why, Optional<SchedulerNode> node, List<Decision> out) {
        if (node.isPresent() && node.get().state() != NodeState.DOWN && !node.get().isDrained()) {
            out.add(Decision.act(TAKE_OUT, pair.primary().value(), "Taking failed node " + pair.primary() + " out of Slurm (" + why + ")",
                    Map.of("node", pair.primary().value(), "why", why)));
        }
    }

    /** Why the primary counts as failed, if it does. */
    static Optional<String> failure(Optional<FleetInstance> instance, Optional<SchedulerNode> node) {
        if (instance.isPresent()) {
            FleetInstance i = instance.get();
            if (!i.state().isUp()) {
                return Optional.of("instance " + i.instanceId() + " is " + word(i.state()));
            }
            if (i.isImpaired()) {
                return Optional.of("instance " + i.instanceId() + " status checks: " + health(i));
            }
        }
        if (node.isPresent() && node.get().state() == NodeState.DOWN) {
            return Optional.of("Slurm node " + node.get().name() + " is " + node.get().rawState()
                    + node.get().reason().map(r -> " (" + r.text() + ")").orElse(""));
        }
        return Optional.empty();
    }

    /** EC2's own words: "ok", or "system impaired, instance ok". */
    static String health(FleetInstance i) {
        if (i.systemStatus() == i.instanceStatus()) {
            return word(i.systemStatus());
        }
        return "system " + word(i.systemStatus()) + ", instance " + word(i.instanceStatus());
    }

    private static String word(InstanceState s) {
        return s.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String word(StatusCheck c) {
        return c.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
