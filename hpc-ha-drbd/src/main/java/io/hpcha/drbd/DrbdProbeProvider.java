package io.hpcha.drbd;

import io.hpcha.ConfigurationException;
import io.hpcha.HealthProbe;
import io.hpcha.spi.Provider;
import io.hpcha.spi.ProviderContext;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Provider {@code "drbd"} of {@link HealthProbe}: a {@link DrbdProbe} over {@code resources} (a list,
 * or {@code resource} for one), with {@code name} and the keys of provider {@code "drbd"} of
 * ReplicatedVolume. Stateless.
 */
public final class DrbdProbeProvider implements Provider<HealthProbe> {
    @Override
    public String name() {
        return DrbdProbe.NAME;
    }

    @Override
    public Class<HealthProbe> type() {
        return HealthProbe.class;
    }

    @Override
    public HealthProbe create(ProviderContext context) {
        Set<String> keys = new HashSet<>(ProviderSettings.VOLUME_KEYS);
        keys.addAll(List.of("resource", "resources", "name"));
        context.config().requireOnly(keys);
        List<String> resources = new java.util.ArrayList<>(context.config().stringList("resources"));
        context.config().optionalString("resource").ifPresent(resources::add);
        if (resources.isEmpty()) {
            String path = context.config().path();
            throw new ConfigurationException((path.isEmpty() ? "" : path + ".") + "resources: missing; expected at least one DRBD resource");
        }
        DrbdProbe.Builder b = DrbdProbe.builder().name(context.config().string("name", DrbdProbe.NAME)).clock(context.clock());
        resources.forEach(r -> b.volume(ProviderSettings.volume(context, r)));
        return b.build();
    }
}
