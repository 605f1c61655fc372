package io.hpcha.beegfs;

import io.hpcha.ConfigurationException;
import io.hpcha.spi.ProviderConfig;
import io.hpcha.spi.ProviderContext;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** The configuration keys the BeeGFS providers share, read into builders. Stateless. */
final class ProviderSettings {
    /** Keys every BeeGFS provider accepts. */
    static final Set<String> CLIENT_KEYS = Set.of("binDir", "commandTimeout", "cli", "name");

    private ProviderSettings() {
    }

    static Set<String> keys(String... extra) {
        Set<String> keys = new HashSet<>(CLIENT_KEYS);
        keys.addAll(Set.of(extra));
        return keys;
    }

    /** A client from {@code binDir}, {@code commandTimeout} and {@code cli} ({@code auto}, {@code v7}, {@code v8}). */
    static BeegfsClient client(ProviderContext context) {
        ProviderConfig c = context.config();
        BeegfsClient.Builder b = BeegfsClient.builder().runner(context.runner());
        c.optionalString("binDir").ifPresent(d -> b.binDir(Path.of(d)));
        b.commandTimeout(c.duration("commandTimeout", BeegfsClient.DEFAULT_COMMAND_TIMEOUT));
        c.optionalString("cli").ifPresent(s -> b.generation(generation(c, s)));
        return b.build();
    }

    static BeegfsNodeType nodeType(ProviderConfig c, String key, BeegfsNodeType fallback) {
        String text = c.string(key, fallback.cliName());
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "storage" -> BeegfsNodeType.STORAGE;
            case "meta", "metadata" -> BeegfsNodeType.META;
            default -> throw new ConfigurationException(key(c, key) + ": expected storage or meta, found '" + text + "'");
        };
    }

    static String key(ProviderConfig c, String key) {
        return c.path().isEmpty() ? key : c.path() + "." + key;
    }

    private static CliGeneration generation(ProviderConfig c, String text) {
        try {
            return CliGeneration.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(key(c, "cli") + ": expected auto, v7 or v8, found '" + text + "'");
        }
    }
}
