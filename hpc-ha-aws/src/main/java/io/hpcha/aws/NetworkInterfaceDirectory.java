package io.hpcha.aws;

import io.hpcha.NodeId;
import io.hpcha.aws.internal.Ec2Ids;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which EC2 network interface (ENI) belongs to which node: where a floating address goes when it is
 * assigned to that node. Either listed ({@link #of(Map)}) or discovered from instance tags
 * ({@link TaggedNetworkInterfaces}).
 *
 * <p>Implementations are thread-safe.
 */
public interface NetworkInterfaceDirectory {
    /** Node → ENI id ({@code eni-…}), as currently known. */
    Map<NodeId, String> interfaces();

    /**
     * Forgets what was discovered, so that the next {@link #interfaces()} asks again (a controller
     * was replaced). Listed directories have nothing to forget.
     */
    default void refresh() {
    }

    /** The node whose interface is {@code eni}, if any. */
    default Optional<NodeId> nodeOf(String eni) {
        return interfaces().entrySet().stream().filter(e -> e.getValue().equals(eni)).map(Map.Entry::getKey).findFirst();
    }

    /** A fixed directory; each ENI id is validated and may belong to one node only. */
    static NetworkInterfaceDirectory of(Map<NodeId, String> interfaces) {
        Map<NodeId, String> copy = new LinkedHashMap<>();
        interfaces.forEach((node, eni) -> {
            Ec2Ids.networkInterfaceId("network interface of " + node, eni);
            if (copy.containsValue(eni)) {
                throw new io.hpcha.ConfigurationException("network interface " + eni + " is listed for two nodes");
            }
            copy.put(node, eni);
        });
        Map<NodeId, String> fixed = Collections.unmodifiableMap(copy);
        return new NetworkInterfaceDirectory() {
            @Override
            public Map<NodeId, String> interfaces() {
                return fixed;
            }

            @Override
            public String toString() {
                return "NetworkInterfaceDirectory" + fixed;
            }
        };
    }
}
