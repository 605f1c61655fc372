package io.hpcha.slurm.internal;

import io.hpcha.NodeId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Validates every caller-supplied value before it becomes part of a Slurm command, so that it can
 * only mean what the caller meant: a node list never becomes {@code ALL}, a reason never ends a
 * quoted string in scontrol's own parser, an address is an address. Stateless.
 */
public final class SlurmArgs {
    /** The longest reason accepted. */
    public static final int MAX_REASON = 512;
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final Pattern DNS_NAME = Pattern.compile(
            "(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

    private SlurmArgs() {
    }

    /**
     * The node names, de-duplicated and in host order.
     *
     * @throws IllegalArgumentException for a null name or Slurm's keyword {@code ALL}
     */
    public static List<String> nodeNames(Collection<NodeId> nodes) {
        Objects.requireNonNull(nodes, "nodes");
        TreeSet<String> names = new TreeSet<>(HostOrder.INSTANCE);
        for (NodeId node : nodes) {
            Objects.requireNonNull(node, "node in nodes");
            if (node.value().toUpperCase(Locale.ROOT).equals("ALL")) {
                throw new IllegalArgumentException("'" + node + "' is Slurm's keyword for every node, not a node name");
            }
            names.add(node.value());
        }
        return new ArrayList<>(names);
    }

    /**
     * A reason Slurm stores as given: 1 to {@value #MAX_REASON} characters, not blank, no control
     * characters and no double quote (scontrol strips quotes at either end).
     */
    public static String reason(String reason) {
        Objects.requireNonNull(reason, "reason");
        if (reason.isBlank() || reason.length() > MAX_REASON) {
            throw new IllegalArgumentException("reason must be 1-" + MAX_REASON + " characters and not blank");
        }
        for (int i = 0; i < reason.length(); i++) {
            char c = reason.charAt(i);
            if (Character.isISOControl(c) || c == '"') {
                throw new IllegalArgumentException("reason holds a control character or a double quote: '"
                        + reason.replaceAll("\\p{Cntrl}", "?") + "'");
            }
        }
        return reason;
    }

    /** An IPv4 or IPv6 address or a DNS name. */
    public static String address(String address) {
        Objects.requireNonNull(address, "address");
        boolean ipv6 = address.contains(":") && IPV6.matcher(address).matches();
        if (!IPV4.matcher(address).matches() && !ipv6 && !DNS_NAME.matcher(address).matches()) {
            throw new IllegalArgumentException("not an IP address or host name: '" + address + "'");
        }
        return address;
    }

    /** A DNS host name. */
    public static String hostname(String hostname) {
        Objects.requireNonNull(hostname, "hostname");
        if (!DNS_NAME.matcher(hostname).matches()) {
            throw new IllegalArgumentException("not a host name: '" + hostname + "'");
        }
        return hostname;
    }
}
