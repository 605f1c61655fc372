package io.hpcha.aws.internal;

import io.hpcha.aws.AwsCallSettings;
import java.util.Objects;
import java.util.function.Function;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.SdkPlugin;
import software.amazon.awssdk.core.SdkServiceClientConfiguration;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * Runs EC2 calls with this module's {@link AwsCallSettings} applied to each request (retry strategy
 * and timeouts) and maps failures through {@link Ec2Errors}. Immutable and thread-safe.
 */
public final class Ec2Calls {
    private final Ec2Client ec2;
    private final AwsRequestOverrideConfiguration override;

    public Ec2Calls(Ec2Client ec2, AwsCallSettings settings) {
        this.ec2 = Objects.requireNonNull(ec2, "ec2");
        Objects.requireNonNull(settings, "settings");
        this.override = AwsRequestOverrideConfiguration.builder()
                .apiCallTimeout(settings.apiCallTimeout())
                .apiCallAttemptTimeout(settings.apiCallAttemptTimeout())
                .addPlugin(new RetryStrategyPlugin(settings.retryStrategy()))
                .build();
    }

    /**
     * Calls EC2 action {@code action}. {@code call} must pass the given override configuration to its
     * request ({@code b.overrideConfiguration(o)}).
     */
    public <T> T call(String action, Function<Ec2Call, T> call) {
        try {
            return call.apply(new Ec2Call(ec2, override));
        } catch (SdkException e) {
            throw Ec2Errors.map(action, e);
        }
    }

    /** The client and the per-request configuration to use for one call. */
    public record Ec2Call(Ec2Client ec2, AwsRequestOverrideConfiguration override) {
    }

    /** Puts the retry strategy into the request's view of the client configuration. */
    private record RetryStrategyPlugin(RetryStrategy strategy) implements SdkPlugin {
        @Override
        public void configureClient(SdkServiceClientConfiguration.Builder config) {
            ClientOverrideConfiguration current = config.overrideConfiguration();
            ClientOverrideConfiguration.Builder b = current == null ? ClientOverrideConfiguration.builder() : current.toBuilder();
            config.overrideConfiguration(b.retryStrategy(strategy).build());
        }
    }
}
