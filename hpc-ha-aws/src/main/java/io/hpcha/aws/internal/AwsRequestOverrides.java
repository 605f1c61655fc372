package io.hpcha.aws.internal;

import io.hpcha.aws.AwsCallSettings;
import java.util.Objects;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.SdkPlugin;
import software.amazon.awssdk.core.SdkServiceClientConfiguration;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.retries.api.RetryStrategy;

/**
 * Turns {@link AwsCallSettings} into the per-request configuration every call of this module carries
 * (EC2 and DynamoDB alike), so the retry strategy and both timeouts hold whatever the client itself
 * was built with.
 */
public final class AwsRequestOverrides {
    private AwsRequestOverrides() {
    }

    /** The request configuration applying {@code settings}'s retry strategy and timeouts. */
    public static AwsRequestOverrideConfiguration of(AwsCallSettings settings) {
        Objects.requireNonNull(settings, "settings");
        return AwsRequestOverrideConfiguration.builder()
                .apiCallTimeout(settings.apiCallTimeout())
                .apiCallAttemptTimeout(settings.apiCallAttemptTimeout())
                .addPlugin(new RetryStrategyPlugin(settings.retryStrategy()))
                .build();
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
