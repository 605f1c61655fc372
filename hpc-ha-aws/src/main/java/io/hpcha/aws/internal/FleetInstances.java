package io.hpcha.aws.internal;

import io.hpcha.FleetInstance;
import io.hpcha.InstanceState;
import io.hpcha.NodeId;
import io.hpcha.ScheduledEvent;
import io.hpcha.StatusCheck;
import io.hpcha.UnexpectedOutputException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStatus;
import software.amazon.awssdk.services.ec2.model.InstanceStatusEvent;
import software.amazon.awssdk.services.ec2.model.InstanceStatusSummary;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * Turns EC2's description of an instance and its status into a {@link FleetInstance}. A value EC2
 * sends that this code does not know (a new state, a new check status) is an
 * {@link UnexpectedOutputException}, never a guess.
 */
public final class FleetInstances {
    private static final Logger LOG = LoggerFactory.getLogger(FleetInstances.class);

    private FleetInstances() {
    }

    /**
     * Merges {@code instance} with its {@code status} entry, which EC2 leaves out for instances it has
     * no checks for yet (just launched) or any more (terminated).
     */
    public static FleetInstance of(Instance instance, Optional<InstanceStatus> status, String nodeNameTag) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (Tag t : instance.tags()) {
            tags.put(t.key(), t.value() == null ? "" : t.value());
        }
        InstanceState state = state(instance.instanceId(), instance.state() == null ? null : instance.state().nameAsString());
        StatusCheck system = status.map(s -> check(instance.instanceId(), "system", s.systemStatus()))
                .orElseGet(() -> withoutChecks(state));
        StatusCheck reachability = status.map(s -> check(instance.instanceId(), "instance", s.instanceStatus()))
                .orElseGet(() -> withoutChecks(state));
        List<ScheduledEvent> events = status.map(s -> events(instance.instanceId(), s.events())).orElse(List.of());
        return new FleetInstance(instance.instanceId(), node(instance.instanceId(), tags.get(nodeNameTag), nodeNameTag),
                state, system, reachability, events, tags);
    }

    static InstanceState state(String id, String name) {
        if (name == null) {
            throw new UnexpectedOutputException("EC2 described instance " + id + " without a state", "");
        }
        return switch (name) {
            case "pending" -> InstanceState.PENDING;
            case "running" -> InstanceState.RUNNING;
            case "shutting-down" -> InstanceState.SHUTTING_DOWN;
            case "terminated" -> InstanceState.TERMINATED;
            case "stopping" -> InstanceState.STOPPING;
            case "stopped" -> InstanceState.STOPPED;
            default -> throw new UnexpectedOutputException("unknown state of instance " + id, name);
        };
    }

    static StatusCheck check(String id, String which, InstanceStatusSummary summary) {
        if (summary == null || summary.statusAsString() == null) {
            return StatusCheck.INSUFFICIENT_DATA;
        }
        String s = summary.statusAsString();
        return switch (s) {
            case "ok" -> StatusCheck.OK;
            case "impaired" -> StatusCheck.IMPAIRED;
            case "insufficient-data" -> StatusCheck.INSUFFICIENT_DATA;
            case "initializing" -> StatusCheck.INITIALIZING;
            case "not-applicable" -> StatusCheck.NOT_APPLICABLE;
            default -> throw new UnexpectedOutputException("unknown " + which + " status of instance " + id, s);
        };
    }

    /** What the checks of an instance EC2 reports no status for mean, given its state. */
    static StatusCheck withoutChecks(InstanceState state) {
        return switch (state) {
            case PENDING -> StatusCheck.INITIALIZING;
            case RUNNING -> StatusCheck.INSUFFICIENT_DATA;
            default -> StatusCheck.NOT_APPLICABLE;
        };
    }

    /** Scheduled events, soonest first; completed and canceled ones (EC2 keeps them a while) are left out. */
    static List<ScheduledEvent> events(String id, List<InstanceStatusEvent> events) {
        return events.stream()
                .filter(e -> !isFinished(e.description()))
                .map(e -> event(id, e))
                .sorted(Comparator.comparing(ScheduledEvent::notBefore))
                .toList();
    }

    private static ScheduledEvent event(String id, InstanceStatusEvent e) {
        String code = e.codeAsString() == null ? "" : e.codeAsString();
        if (e.notBefore() == null) {
            throw new UnexpectedOutputException("scheduled event of instance " + id + " has no start time", e.toString());
        }
        ScheduledEvent.Kind kind = switch (code) {
            case "instance-reboot", "system-reboot" -> ScheduledEvent.Kind.REBOOT;
            case "instance-retirement" -> ScheduledEvent.Kind.RETIREMENT;
            case "system-maintenance" -> ScheduledEvent.Kind.MAINTENANCE;
            case "instance-stop" -> ScheduledEvent.Kind.STOP;
            default -> ScheduledEvent.Kind.OTHER;
        };
        return new ScheduledEvent(kind, code, e.description() == null ? "" : e.description(), e.notBefore(),
                Optional.ofNullable(e.notAfter()));
    }

    private static boolean isFinished(String description) {
        if (description == null) {
            return false;
        }
        String d = description.toLowerCase(Locale.ROOT);
        return d.startsWith("[completed]") || d.startsWith("[canceled]") || d.startsWith("[cancelled]");
    }

    private static Optional<NodeId> node(String id, String value, String tag) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(NodeId.of(value));
        } catch (IllegalArgumentException e) {
            // a mistagged instance must not blind the whole fleet; it shows up without a node
            LOG.warn("instance {} has tag {}='{}', which is not a valid node name; treating it as untagged", id, tag, value);
            return Optional.empty();
        }
    }
}
