package io.hpcha.aws;

import io.hpcha.HealthProbe;
import io.hpcha.spi.Provider;
import io.hpcha.spi.ProviderConfig;
import io.hpcha.spi.ProviderContext;
import java.util.HashSet;
import java.util.Set;

/**
 * Provider {@code ec2-status}: an {@link Ec2StatusProbe} over the fleet configured with the keys of
 * {@link Ec2ComputeFleetProvider}, plus an optional {@code name} for its results.
 */
public final class Ec2StatusProbeProvider implements Provider<HealthProbe> {
    @Override
    public String name() {
        return "ec2-status";
    }

    @Override
    public Class<HealthProbe> type() {
        return HealthProbe.class;
    }

    @Override
    public HealthProbe create(ProviderContext context) {
        Set<String> keys = new HashSet<>(Ec2ComputeFleetProvider.KEYS);
        keys.add("name");
        ProviderConfig c = context.config().requireOnly(keys);
        return Ec2StatusProbe.builder().fleet(Ec2ComputeFleetProvider.fleet(c))
                .name(c.string("name", Ec2StatusProbe.NAME)).clock(context.clock()).build();
    }
}
