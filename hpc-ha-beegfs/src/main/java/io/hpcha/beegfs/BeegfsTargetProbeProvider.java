package io.hpcha.beegfs;

import io.hpcha.HealthProbe;
import io.hpcha.spi.ProviderConfig;
import io.hpcha.spi.Provider;
import io.hpcha.spi.ProviderContext;

/**
 * Provider {@code "beegfs-targets"} of {@link HealthProbe}: a {@link BeegfsTargetProbe}. Keys:
 * {@code binDir}, {@code commandTimeout}, {@code cli} (auto, v7, v8), {@code name}. Stateless.
 */
public final class BeegfsTargetProbeProvider implements Provider<HealthProbe> {
    @Override
    public String name() {
        return BeegfsTargetProbe.NAME;
    }

    @Override
    public Class<HealthProbe> type() {
        return HealthProbe.class;
    }

    @Override
    public HealthProbe create(ProviderContext context) {
        ProviderConfig c = context.config().requireOnly(ProviderSettings.keys());
        return BeegfsTargetProbe.builder()
                .client(ProviderSettings.client(context))
                .clock(context.clock())
                .name(c.string("name", BeegfsTargetProbe.NAME))
                .build();
    }
}
