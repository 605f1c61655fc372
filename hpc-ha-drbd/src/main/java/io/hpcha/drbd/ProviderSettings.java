package io.hpcha.drbd;

import io.hpcha.ConfigurationException;
import io.hpcha.spi.ProviderConfig;
import io.hpcha.spi.ProviderContext;
import java.util.Locale;
import java.util.Set;

/** The configuration keys the DRBD providers share, read into builders. Stateless. */
final class ProviderSettings {
    /** Keys every DRBD provider reads. */
    static final Set<String> VOLUME_KEYS = Set.of("drbdadm", "drbdsetup", "commandTimeout", "stateChangeTimeout",
            "localName", "peerName", "release", "statusSource");

    private ProviderSettings() {
    }

    /** A volume for {@code resource} from the shared keys. */
    static DrbdVolume volume(ProviderContext context, String resource) {
        ProviderConfig c = context.config();
        DrbdVolume.Builder b = DrbdVolume.builder().resource(resource).runner(context.runner())
                .drbdadm(c.string("drbdadm", "drbdadm")).drbdsetup(c.string("drbdsetup", "drbdsetup"))
                .commandTimeout(c.duration("commandTimeout", DrbdVolume.DEFAULT_COMMAND_TIMEOUT))
                .stateChangeTimeout(c.duration("stateChangeTimeout", DrbdVolume.DEFAULT_STATE_CHANGE_TIMEOUT))
                .localName(c.string("localName", DrbdVolume.DEFAULT_LOCAL_NAME))
                .peerName(c.string("peerName", "peer"));
        c.optionalString("release").ifPresent(r -> b.release(enumValue(c, "release", DrbdRelease.class, r)));
        c.optionalString("statusSource").ifPresent(s -> b.statusSource(enumValue(c, "statusSource", StatusSource.class, s)));
        return b.build();
    }

    private static <E extends Enum<E>> E enumValue(ProviderConfig c, String key, Class<E> type, String text) {
        try {
            return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_'));
        } catch (IllegalArgumentException e) {
            String path = c.path().isEmpty() ? key : c.path() + "." + key;
            throw new ConfigurationException(path + ": expected one of " + java.util.Arrays.toString(type.getEnumConstants())
                    + ", found '" + text + "'");
        }
    }
}
