package io.hpcha.examples.failover;

import io.hpcha.ConfigurationException;
import io.hpcha.NodeId;
import io.hpcha.examples.config.ConfigDocument;
import io.hpcha.examples.observability.MetricsSettings;
import io.hpcha.spi.ProviderConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The controller failover daemon's configuration file, checked as it is read: every unknown key,
 * missing value or wrong type is a {@link ConfigurationException} naming the key and what was expected.
 * See {@code config/controller-failover.yaml} for a documented sample. Immutable.
 *
 * @param node           this controller's name: its lease candidate and the floating address's target
 * @param fence          how the peer is fenced
 * @param mount          the file system on the replicated volume, if there is one to mount
 * @param services       the services to start, in order
 * @param serviceCommands the services started by the operator's own commands instead of systemctl
 * @param systemctl      the systemctl program
 * @param commandTimeout the timeout of every command the daemon runs itself
 * @param maxAttempts    attempts per plan step
 * @param attemptTimeout time per attempt
 * @param backoff        wait before the first retry (doubling up to {@code maxBackoff})
 * @param maxBackoff     longest wait between attempts
 * @param retryAfter     wait before a failed (rolled back) plan runs again
 * @param tickEvery      time between lease renewals
 * @param safetyMargin   how long before the lease's expiry the controller stops acting
 * @param metrics        the metrics endpoint
 * @param logFormat      text or json
 * @param onShutdown     what a clean stop (SIGTERM) does on the active controller before it releases the lease
 */
public record ControllerFailoverSettings(NodeId node, FenceSettings fence, Optional<MountSettings> mount, List<String> services,
                                         Map<String, ServiceCommands> serviceCommands, String systemctl, Duration commandTimeout, int maxAttempts, Duration attemptTimeout,
                                         Duration backoff, Duration maxBackoff, Duration retryAfter, Duration tickEvery,
                                         Duration safetyMargin, MetricsSettings metrics, String logFormat,
                                         OnShutdown onShutdown) {
    /** The top-level keys of the file. */
    public static final Set<String> KEYS = Set.of("node", "lease", "volume", "address", "scheduler", "fleet", "fence", "mount",
            "services", "systemctl", "commandTimeout", "plan", "election", "metrics", "logging", "onShutdown");

    /** The keys of a service given as a section instead of a systemd unit name. */
    public static final Set<String> SERVICE_KEYS = Set.of("name", "start", "stop", "status");
    private static final Set<String> PLAN = Set.of("maxAttempts", "attemptTimeout", "backoff", "maxBackoff", "retryAfter");
    private static final Set<String> ELECTION = Set.of("tickEvery", "safetyMargin");
    private static final Set<String> FENCE_AGENT = Set.of("method", "off", "status");
    private static final Set<String> FENCE_FLEET = Set.of("method", "instance");
    private static final Set<String> MOUNT = Set.of("device", "directory", "type");

    /**
     * Every key the daemon itself reads, by section path ({@code ""} for the top level, {@code []} for each
     * item of a list). The backend sections ({@code lease}, {@code volume}, {@code address},
     * {@code scheduler}, {@code fleet}) belong to their providers.
     */
    public static final Map<String, Set<String>> SCHEMA = Map.of(
            "", KEYS, "fence", union(FENCE_AGENT, FENCE_FLEET), "mount", MOUNT, "services[]", SERVICE_KEYS,
            "plan", PLAN, "election", ELECTION, "metrics", MetricsSettings.KEYS, "logging", Set.of("format"));

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new java.util.HashSet<>(a);
        u.addAll(b);
        return Set.copyOf(u);
    }

    /** What the active controller does when the daemon is stopped cleanly, before it releases the lease. */
    public enum OnShutdown {
        /** Stop the services in reverse order, unmount and demote, so the peer can take over at once. */
        STOP_GROUP,
        /** Leave everything running (an upgrade of the daemon alone); the peer still takes over once the lease is free. */
        LEAVE_RUNNING
    }

    /**
     * How the peer is fenced: a fence agent's off and status commands, or a force-stop of its instance
     * through the top-level {@code fleet}.
     *
     * @param method   {@code agent}, {@code fleet}, or {@code none} (no fencing: unsafe outside tests)
     * @param off      the agent's off command
     * @param status   the agent's status command
     * @param instance the peer's instance id
     */
    public record FenceSettings(String method, List<String> off, List<String> status, String instance) {
    }

    /**
     * @param device    the block device
     * @param directory where it is mounted
     * @param type      its file system type
     */
    public record MountSettings(String device, String directory, String type) {
    }

    public static ControllerFailoverSettings parse(ConfigDocument doc) {
        doc.requireOnly(KEYS);
        ProviderConfig root = doc.root();
        NodeId node;
        try {
            node = NodeId.of(root.string("node"));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("node: " + e.getMessage(), e);
        }
        ProviderConfig plan = doc.section("plan").requireOnly(PLAN);
        ProviderConfig election = doc.section("election").requireOnly(ELECTION);
        ProviderConfig logging = doc.section("logging").requireOnly(SCHEMA.get("logging"));
        List<String> services = new ArrayList<>();
        Map<String, ServiceCommands> commands = new LinkedHashMap<>();
        services(doc, services, commands);
        int attempts = plan.integer("maxAttempts", 3);
        if (attempts < 1) {
            throw new ConfigurationException("plan.maxAttempts: expected at least 1, found " + attempts);
        }
        return new ControllerFailoverSettings(node, fence(doc), mount(doc), List.copyOf(services), Map.copyOf(commands),
                root.string("systemctl", "systemctl"),
                positive(root, "commandTimeout", Duration.ofSeconds(60)),
                attempts,
                positive(plan, "attemptTimeout", Duration.ofMinutes(2)),
                positive(plan, "backoff", Duration.ofSeconds(2)),
                positive(plan, "maxBackoff", Duration.ofSeconds(30)),
                positive(plan, "retryAfter", Duration.ofMinutes(1)),
                positive(election, "tickEvery", Duration.ofSeconds(5)),
                election.duration("safetyMargin", Duration.ofSeconds(2)),
                MetricsSettings.parse(doc.section("metrics"), 9465),
                logging.optionalString("format").orElse(null),
                onShutdown(root));
    }

    private static OnShutdown onShutdown(ProviderConfig root) {
        String v = root.string("onShutdown", "stop-group");
        return switch (v) {
            case "stop-group" -> OnShutdown.STOP_GROUP;
            case "leave-running" -> OnShutdown.LEAVE_RUNNING;
            default -> throw new ConfigurationException("onShutdown: expected stop-group or leave-running, found '" + v + "'");
        };
    }

    /** Each item of {@code services}: a systemd unit name, or {name, start, stop, status} with command vectors. */
    private static void services(ConfigDocument doc, List<String> names, Map<String, ServiceCommands> commands) {
        List<Object> items = doc.list("services");
        for (int i = 0; i < items.size(); i++) {
            String key = "services[" + i + "]";
            Object item = items.get(i);
            if (item instanceof Map<?, ?> map) {
                Map<String, Object> copy = new LinkedHashMap<>();
                map.forEach((k, v) -> copy.put(String.valueOf(k), v));
                ProviderConfig c = ProviderConfig.of(key, copy).requireOnly(SERVICE_KEYS);
                String name = ArgumentChecks.unit(key + ".name", c.string("name"));
                try {
                    commands.put(name, new ServiceCommands(c.stringList("start"), c.stringList("stop"), c.stringList("status")));
                } catch (ConfigurationException e) {
                    throw new ConfigurationException(key + "." + e.getMessage(), e);
                }
                names.add(name);
            } else if (item instanceof String || item instanceof Number) {
                names.add(ArgumentChecks.unit(key, String.valueOf(item)));
            } else {
                throw new ConfigurationException(key + ": expected a systemd unit name or {name, start, stop, status}, found "
                        + (item instanceof List ? "a list" : "'" + item + "'"));
            }
            if (names.subList(0, names.size() - 1).contains(names.get(names.size() - 1))) {
                throw new ConfigurationException(key + ": service '" + names.get(names.size() - 1) + "' is listed twice");
            }
        }
    }

    private static FenceSettings fence(ConfigDocument doc) {
        if (!doc.has("fence")) {
            throw new ConfigurationException("fence: missing; expected {method: agent, off: [...], status: [...]} or "
                    + "{method: fleet, instance: i-...}: the peer must be fenced before this controller takes over "
                    + "(or, in tests only, {method: none})");
        }
        ProviderConfig f = doc.section("fence");
        String method = f.string("method");
        switch (method) {
            case "agent" -> {
                f.requireOnly(FENCE_AGENT);
                List<String> off = f.stringList("off");
                List<String> status = f.stringList("status");
                if (off.isEmpty()) {
                    throw new ConfigurationException("fence.off: missing; expected the fence agent's argument vector, such as "
                            + "[fence_ipmilan, --ip=10.0.0.11, --username=admin, --password-script=/etc/hpc-ha/ipmi-pw, --action=off]");
                }
                if (status.isEmpty()) {
                    throw new ConfigurationException("fence.status: missing; expected the same agent with --action=status");
                }
                return new FenceSettings(method, off, status, null);
            }
            case "fleet" -> {
                f.requireOnly(FENCE_FLEET);
                if (!doc.has("fleet")) {
                    throw new ConfigurationException("fleet: missing; fence.method 'fleet' stops the peer through a fleet section "
                            + "such as {provider: ec2, region: ...}");
                }
                return new FenceSettings(method, List.of(), List.of(), f.string("instance"));
            }
            case "none" -> {
                f.requireOnly(Set.of("method"));
                return new FenceSettings(method, List.of(), List.of(), null);
            }
            default -> throw new ConfigurationException("fence.method: expected agent, fleet or none, found '" + method + "'");
        }
    }

    private static Optional<MountSettings> mount(ConfigDocument doc) {
        if (!doc.has("mount")) {
            return Optional.empty();
        }
        ProviderConfig m = doc.section("mount").requireOnly(MOUNT);
        return Optional.of(new MountSettings(
                ArgumentChecks.path("mount.device", m.string("device")),
                ArgumentChecks.path("mount.directory", m.string("directory")),
                ArgumentChecks.fsType("mount.type", m.string("type", "ext4"))));
    }

    private static Duration positive(ProviderConfig c, String key, Duration fallback) {
        Duration d = c.duration(key, fallback);
        if (d.isZero() || d.isNegative()) {
            String path = c.path().isEmpty() ? key : c.path() + "." + key;
            throw new ConfigurationException(path + ": expected a positive duration, found " + d);
        }
        return d;
    }
}
