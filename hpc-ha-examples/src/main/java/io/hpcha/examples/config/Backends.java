package io.hpcha.examples.config;

import io.hpcha.ConfigurationException;
import io.hpcha.spi.CommandRunner;
import io.hpcha.spi.ProviderContext;
import io.hpcha.spi.Providers;
import io.hpcha.spi.Sleeper;
import java.time.Clock;
import java.util.Objects;

/**
 * Creates backends from configuration sections of the form {@code {provider: <name>, ...}}: the
 * provider is found by type and name through {@link Providers} (so a daemon never names a backend
 * class) and gets the rest of the section as its own configuration. Immutable and thread-safe.
 */
public final class Backends {
    /** The key that names the provider in every backend section. */
    public static final String PROVIDER = "provider";

    private final CommandRunner runner;
    private final Clock clock;
    private final Sleeper sleeper;

    public Backends(CommandRunner runner, Clock clock, Sleeper sleeper) {
        this.runner = Objects.requireNonNull(runner, "runner");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /**
     * Creates the {@code type} described by the document's section {@code key}.
     *
     * @throws ConfigurationException naming {@code key} when the section or its provider is missing or
     *                                unknown, or when the provider rejects its configuration
     */
    public <T> T create(ConfigDocument document, String key, Class<T> type) {
        ConfigDocument.BackendSection section = document.backend(key, type.getSimpleName());
        try {
            return Providers.create(type, section.provider(), new ProviderContext(section.config(), runner, clock, sleeper));
        } catch (ConfigurationException e) {
            String m = String.valueOf(e.getMessage());
            if (m.startsWith(key + ".") || m.startsWith(key + ":")) {
                throw e; // already names the key
            }
            throw new ConfigurationException(key + " (provider '" + section.provider() + "'): " + m, e);
        }
    }
}
