package io.hpcha.drbd;

import io.hpcha.ReplicatedVolume;
import io.hpcha.spi.Provider;
import io.hpcha.spi.ProviderContext;
import java.util.HashSet;
import java.util.Set;

/**
 * Provider {@code "drbd"} of {@link ReplicatedVolume}: a {@link DrbdVolume} for {@code resource}
 * (required), with optional {@code drbdadm}, {@code drbdsetup}, {@code commandTimeout},
 * {@code stateChangeTimeout}, {@code localName}, {@code peerName}, {@code release}
 * ({@code auto}, {@code drbd_9}, {@code drbd_8_4}) and {@code statusSource} ({@code json},
 * {@code events2_now}). Stateless.
 */
public final class DrbdVolumeProvider implements Provider<ReplicatedVolume> {
    @Override
    public String name() {
        return "drbd";
    }

    @Override
    public Class<ReplicatedVolume> type() {
        return ReplicatedVolume.class;
    }

    @Override
    public ReplicatedVolume create(ProviderContext context) {
        Set<String> keys = new HashSet<>(ProviderSettings.VOLUME_KEYS);
        keys.add("resource");
        context.config().requireOnly(keys);
        return ProviderSettings.volume(context, context.config().string("resource"));
    }
}
