package io.hpcha.beegfs;

import io.hpcha.ConfigurationException;
import io.hpcha.ReplicatedVolume;
import io.hpcha.spi.Provider;
import io.hpcha.spi.ProviderConfig;
import io.hpcha.spi.ProviderContext;
import java.util.List;

/**
 * Provider {@code "beegfs-mirror-group"} of {@link ReplicatedVolume}: a {@link BeegfsMirrorGroup}.
 * Keys: {@code groupId} (required), {@code type} (storage or meta; default storage),
 * {@code localTarget}, {@code switchoverCommand} (an argument vector for {@link CommandSwitchover}),
 * {@code failoverTimeout}, {@code pollInterval}, and the client keys {@code binDir},
 * {@code commandTimeout}, {@code cli}, {@code name}. Stateless.
 */
public final class BeegfsMirrorGroupProvider implements Provider<ReplicatedVolume> {
    /** The provider name. */
    public static final String NAME = "beegfs-mirror-group";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<ReplicatedVolume> type() {
        return ReplicatedVolume.class;
    }

    @Override
    public ReplicatedVolume create(ProviderContext context) {
        ProviderConfig c = context.config().requireOnly(ProviderSettings.keys("groupId", "type", "localTarget",
                "switchoverCommand", "failoverTimeout", "pollInterval"));
        if (!c.has("groupId")) {
            throw new ConfigurationException(ProviderSettings.key(c, "groupId") + ": missing; expected a number from 1 to 65535");
        }
        BeegfsClient client = ProviderSettings.client(context);
        BeegfsMirrorGroup.Builder b = BeegfsMirrorGroup.builder()
                .client(client)
                .type(ProviderSettings.nodeType(c, "type", BeegfsNodeType.STORAGE))
                .groupId(c.integer("groupId", 0))
                .clock(context.clock())
                .sleeper(context.sleeper())
                .failoverTimeout(c.duration("failoverTimeout", BeegfsMirrorGroup.DEFAULT_FAILOVER_TIMEOUT))
                .pollInterval(c.duration("pollInterval", java.time.Duration.ofSeconds(5)));
        if (c.has("localTarget")) {
            b.localTarget(c.integer("localTarget", 0));
        }
        List<String> command = c.stringList("switchoverCommand");
        if (!command.isEmpty()) {
            b.switchover(new CommandSwitchover(context.runner(), command,
                    c.duration("commandTimeout", BeegfsClient.DEFAULT_COMMAND_TIMEOUT)));
        }
        c.optionalString("name").ifPresent(b::name);
        return b.build();
    }
}
