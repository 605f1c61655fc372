package io.hpcha.examples.observability;

import io.hpcha.ConfigurationException;
import io.hpcha.spi.ProviderConfig;
import java.util.Set;

/**
 * The {@code metrics} section of a daemon's configuration. Immutable.
 *
 * @param enabled whether to serve {@code /metrics}
 * @param host    the address to listen on
 * @param port    the port to listen on
 */
public record MetricsSettings(boolean enabled, String host, int port) {
    /** The keys of the section. */
    public static final Set<String> KEYS = Set.of("enabled", "host", "port");

    public MetricsSettings {
        if (port < 0 || port > 65535) {
            throw new ConfigurationException("metrics.port: expected 0 to 65535, found " + port);
        }
    }

    /** Reads {@code metrics: {enabled, host, port}}; the port defaults to {@code defaultPort}. */
    public static MetricsSettings parse(ProviderConfig section, int defaultPort) {
        section.requireOnly(KEYS);
        return new MetricsSettings(section.bool("enabled", true), section.string("host", "0.0.0.0"),
                section.integer("port", defaultPort));
    }
}
