package io.hpcha.linux;

import io.hpcha.FloatingAddress;
import io.hpcha.NodeId;
import io.hpcha.testkit.FloatingAddressCompatibilityKit;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The {@link FloatingAddress} contract, run against {@link LinuxFloatingAddress} on real network namespaces. */
class LinuxFloatingAddressCompatibilityIT extends FloatingAddressCompatibilityKit {
    private static NetnsTestbed testbed;

    @BeforeAll
    static void up() {
        testbed = NetnsTestbed.require();
    }

    @AfterAll
    static void down() {
        if (testbed != null) {
            testbed.close();
        }
    }

    @Override
    protected FloatingAddress createAddress() {
        testbed.clear(NetnsTestbed.FLOATING);
        return LinuxFloatingAddress.builder().address(NetnsTestbed.FLOATING).prefixLength(24).interfaceName("eth0")
                .localNode(NodeId.of("ctl1"))
                .node(NodeId.of("ctl1"), testbed.runner("ctl1"))
                .node(NodeId.of("ctl2"), testbed.runner("ctl2"))
                .gratuitousArp(1, Duration.ofSeconds(1))
                .build();
    }

    @Override
    protected List<NodeId> candidates() {
        return List.of(NodeId.of("ctl1"), NodeId.of("ctl2"));
    }
}
