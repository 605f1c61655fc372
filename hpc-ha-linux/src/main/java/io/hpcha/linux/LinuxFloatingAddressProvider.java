package io.hpcha.linux;

import io.hpcha.ConfigurationException;
import io.hpcha.FloatingAddress;
import io.hpcha.NodeId;
import io.hpcha.spi.Provider;
import io.hpcha.spi.ProviderConfig;
import io.hpcha.spi.ProviderContext;
import java.time.Duration;
import java.util.Set;

/**
 * Provider {@code "linux-ip"} of {@link FloatingAddress}: a {@link LinuxFloatingAddress}.
 *
 * <pre>{@code
 * floatingAddress:
 *   provider: linux-ip
 *   address: 10.213.0.100
 *   prefixLength: 24            # default 32
 *   interface: eth0
 *   label: eth0:ha              # optional
 *   localNode: ctl1
 *   nodes:                      # peers, and how their ip is run; optional
 *     ctl1: {netns: hpcha-ctl1} # a node without netns runs through the context's runner
 *     ctl2: {netns: hpcha-ctl2}
 *   arpCount: 3                 # gratuitous ARP requests and replies each
 *   arpInterval: 1s             # whole seconds
 *   duplicateCheck: false       # arping -D before adding
 *   commandTimeout: 10s
 *   verifyTimeout: 5s
 *   ipProgram: ip
 *   arpingProgram: arping
 * }</pre>
 *
 * The local node runs commands through the context's runner unless {@code nodes} gives it a
 * namespace. A peer listed without {@code netns} also uses the context's runner, which then has to
 * reach that peer (for example a runner that wraps commands in SSH). Stateless.
 */
public final class LinuxFloatingAddressProvider implements Provider<FloatingAddress> {
    private static final Set<String> KEYS = Set.of("address", "prefixLength", "interface", "label", "localNode",
            "nodes", "arpCount", "arpInterval", "duplicateCheck", "commandTimeout", "verifyTimeout", "ipProgram",
            "arpingProgram");

    @Override
    public String name() {
        return "linux-ip";
    }

    @Override
    public Class<FloatingAddress> type() {
        return FloatingAddress.class;
    }

    @Override
    public FloatingAddress create(ProviderContext context) {
        ProviderConfig config = context.config().requireOnly(KEYS);
        String ipProgram = config.string("ipProgram", "ip");
        LinuxFloatingAddress.Builder b = LinuxFloatingAddress.builder()
                .address(config.string("address"))
                .prefixLength(config.integer("prefixLength", 32))
                .interfaceName(config.string("interface"))
                .localNode(node(config, "localNode", config.string("localNode")))
                .runner(context.runner())
                .ipProgram(ipProgram)
                .arpingProgram(config.string("arpingProgram", "arping"))
                .gratuitousArp(config.integer("arpCount", 3), config.duration("arpInterval", Duration.ofSeconds(1)))
                .duplicateCheck(config.bool("duplicateCheck", false))
                .commandTimeout(config.duration("commandTimeout", Duration.ofSeconds(10)))
                .verifyTimeout(config.duration("verifyTimeout", Duration.ofSeconds(5)))
                .clock(context.clock())
                .sleeper(context.sleeper());
        config.optionalString("label").ifPresent(b::label);
        ProviderConfig nodes = config.section("nodes");
        for (String name : nodes.keys()) {
            ProviderConfig node = nodes.section(name).requireOnly(Set.of("netns"));
            NodeId id = node(nodes, name, name);
            b.node(id, node.optionalString("netns")
                    .<io.hpcha.spi.CommandRunner>map(ns -> NetnsCommandRunner.of(ns, context.runner(), ipProgram))
                    .orElse(context.runner()));
        }
        return b.build();
    }

    private static NodeId node(ProviderConfig config, String key, String value) {
        try {
            return NodeId.of(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException((config.path().isEmpty() ? "" : config.path() + ".") + key + ": "
                    + e.getMessage(), e);
        }
    }
}
