package io.hpcha.aws;

import io.hpcha.ConfigurationException;
import io.hpcha.Lease;
import io.hpcha.aws.internal.ProviderSupport;
import io.hpcha.spi.Provider;
import io.hpcha.spi.ProviderConfig;
import io.hpcha.spi.ProviderContext;
import java.time.Duration;
import java.util.Set;

/**
 * Provider {@code dynamodb}: a {@link DynamoDbLease} from configuration.
 *
 * <pre>{@code
 * provider: dynamodb
 * region: eu-west-1                  # optional: the SDK's region chain otherwise (us-east-1 for an http:// endpoint)
 * table: hpc-ha-leases               # partition key: the string attribute "lease"
 * name: slurm-controller
 * duration: 15s                      # how long a grant lasts without renewal (default 15s)
 * clockSkew: 2s                      # largest clock offset assumed between nodes (default 2s)
 * endpoint: http://10.0.0.1:8000     # optional, e.g. DynamoDB Local
 * maxAttempts: 3                     # SDK retry strategy
 * apiCallTimeout: 5s                 # shorter than duration
 * apiCallAttemptTimeout: 2s
 * }</pre>
 *
 * Credentials come from the SDK's default chain; for a plain {@code http://} endpoint (a local
 * emulator) from system properties, environment or profile, else fixed dummy ones. The DynamoDB
 * client lives as long as the lease.
 */
public final class DynamoDbLeaseProvider implements Provider<Lease> {
    static final Set<String> KEYS = ProviderSupport.keys("table", "name", "duration", "clockSkew");

    @Override
    public String name() {
        return "dynamodb";
    }

    @Override
    public Class<Lease> type() {
        return Lease.class;
    }

    @Override
    public Lease create(ProviderContext context) {
        ProviderConfig c = context.config().requireOnly(KEYS);
        AwsCallSettings defaults = DynamoDbLease.defaultCallSettings();
        AwsCallSettings settings = AwsCallSettings.builder()
                .maxAttempts(c.integer("maxAttempts", defaults.retryStrategy().maxAttempts()))
                .apiCallTimeout(c.duration("apiCallTimeout", defaults.apiCallTimeout()))
                .apiCallAttemptTimeout(c.duration("apiCallAttemptTimeout", defaults.apiCallAttemptTimeout()))
                .build();
        String table = c.string("table");
        String name = c.string("name");
        Duration duration = c.duration("duration", Duration.ofSeconds(15));
        Duration skew = c.duration("clockSkew", Duration.ofSeconds(2));
        if (!DynamoDbLease.isValidTableName(table)) {
            throw new ConfigurationException(ProviderSupport.path(c, "table") + ": '" + table + "' must be 3-255 of [A-Za-z0-9._-]");
        }
        if (!DynamoDbLease.isValidName(name)) {
            throw new ConfigurationException(ProviderSupport.path(c, "name") + ": '" + name + "' must be 1-255 of [A-Za-z0-9._:-]");
        }
        if (duration.compareTo(skew.multipliedBy(2)) <= 0) {
            throw new ConfigurationException(ProviderSupport.path(c, "duration") + ": " + duration
                    + " must exceed twice " + ProviderSupport.path(c, "clockSkew") + " (" + skew + ")");
        }
        if (settings.apiCallTimeout().compareTo(duration) >= 0) {
            throw new ConfigurationException(ProviderSupport.path(c, "apiCallTimeout") + ": " + settings.apiCallTimeout()
                    + " must be shorter than " + ProviderSupport.path(c, "duration") + " (" + duration + "), so that a renewal fails in time");
        }
        return DynamoDbLease.builder()
                .dynamoDb(ProviderSupport.dynamoDb(c, settings))
                .callSettings(settings)
                .table(table).name(name).ttl(duration).clockSkew(skew)
                .clock(context.clock())
                .build();
    }
}
