package io.hpcha.spi;

import java.time.Clock;
import java.util.Objects;

/**
 * What a {@link Provider} gets to build its object: its own configuration section and the shared
 * services every backend may need.
 *
 * @param config  the provider's configuration section
 * @param runner  runs commands for CLI-backed backends
 * @param clock   the time source
 * @param sleeper waits
 */
public record ProviderContext(ProviderConfig config, CommandRunner runner, Clock clock, Sleeper sleeper) {
    public ProviderContext {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(runner, "runner");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(sleeper, "sleeper");
    }

    /** A context on the real system: {@link LocalCommandRunner}, the system clock, real sleeping. */
    public static ProviderContext of(ProviderConfig config) {
        return new ProviderContext(config, LocalCommandRunner.create(), Clock.systemUTC(), Sleeper.system());
    }
}
