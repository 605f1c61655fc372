package io.hpcha.beegfs;

import io.hpcha.HealthProbe;
import io.hpcha.spi.Provider;
import io.hpcha.spi.ProviderConfig;
import io.hpcha.spi.ProviderContext;

/**
 * Provider {@code "beegfs-nodes"} of {@link HealthProbe}: a {@link BeegfsNodeProbe}. Keys:
 * {@code binDir}, {@code commandTimeout}, {@code cli} (auto, v7, v8), {@code name},
 * {@code lowSpacePercent} (default 10). Stateless.
 */
public final class BeegfsNodeProbeProvider implements Provider<HealthProbe> {
    @Override
    public String name() {
        return BeegfsNodeProbe.NAME;
    }

    @Override
    public Class<HealthProbe> type() {
        return HealthProbe.class;
    }

    @Override
    public HealthProbe create(ProviderContext context) {
        ProviderConfig c = context.config().requireOnly(ProviderSettings.keys("lowSpacePercent"));
        return BeegfsNodeProbe.builder()
                .client(ProviderSettings.client(context))
                .clock(context.clock())
                .name(c.string("name", BeegfsNodeProbe.NAME))
                .lowSpacePercent(c.number("lowSpacePercent", BeegfsNodeProbe.DEFAULT_LOW_SPACE_PERCENT))
                .build();
    }
}
