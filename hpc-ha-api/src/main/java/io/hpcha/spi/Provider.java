package io.hpcha.spi;

/**
 * Creates one kind of backend object from configuration, so that a daemon can be assembled from a
 * file: {@code scheduler: {provider: slurm, binDir: /usr/bin}}. Backends register their providers in
 * {@code META-INF/services/io.hpcha.spi.Provider}; {@link Providers} finds them by type and name.
 *
 * @param <T> the SPI it creates, for example {@link io.hpcha.Scheduler}
 */
public interface Provider<T> {
    /** The name configuration files use ({@code "slurm"}, {@code "aws-overlay-ip"}). */
    String name();

    /** The SPI this provider creates. */
    Class<T> type();

    /**
     * Creates the object.
     *
     * @throws io.hpcha.ConfigurationException naming the key, when the configuration is missing or wrong
     */
    T create(ProviderContext context);
}
