package io.hpcha.aws;

import io.hpcha.ConfigurationException;
import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;

/**
 * How every EC2 call of this module is made: the SDK's retry strategy and the two SDK timeouts.
 * Applied to each request, so they hold whatever the {@code Ec2Client} itself was built with.
 *
 * <p>Retrying happens only here, inside the SDK: the classes of this module never retry a failed call
 * a second time on top. When the SDK gives up, the caller sees a typed {@link io.hpcha.HaException}.
 *
 * <p>Immutable and thread-safe.
 */
public final class AwsCallSettings {
    /** Attempts per call (the first one included) unless told otherwise. */
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    /** Longest time one call may take, all attempts and back-off included, unless told otherwise. */
    public static final Duration DEFAULT_API_CALL_TIMEOUT = Duration.ofSeconds(30);
    /** Longest time one HTTP attempt may take unless told otherwise. */
    public static final Duration DEFAULT_API_CALL_ATTEMPT_TIMEOUT = Duration.ofSeconds(10);

    private static final AwsCallSettings DEFAULTS = builder().build();

    private final RetryStrategy retryStrategy;
    private final Duration apiCallTimeout;
    private final Duration apiCallAttemptTimeout;

    private AwsCallSettings(Builder b) {
        this.retryStrategy = b.retryStrategy != null
                ? b.retryStrategy
                : AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(b.maxAttempts).build();
        this.apiCallTimeout = b.apiCallTimeout;
        this.apiCallAttemptTimeout = b.apiCallAttemptTimeout;
        if (apiCallAttemptTimeout.compareTo(apiCallTimeout) > 0) {
            throw new ConfigurationException("apiCallAttemptTimeout " + apiCallAttemptTimeout
                    + " is longer than apiCallTimeout " + apiCallTimeout);
        }
    }

    /** The SDK's standard retry strategy with {@value #DEFAULT_MAX_ATTEMPTS} attempts, 30 s per call, 10 s per attempt. */
    public static AwsCallSettings defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The SDK retry strategy applied to every call. */
    public RetryStrategy retryStrategy() {
        return retryStrategy;
    }

    /** The SDK's limit on one whole call, retries included. */
    public Duration apiCallTimeout() {
        return apiCallTimeout;
    }

    /** The SDK's limit on one HTTP attempt. */
    public Duration apiCallAttemptTimeout() {
        return apiCallAttemptTimeout;
    }

    @Override
    public String toString() {
        return "AwsCallSettings[retryStrategy=" + retryStrategy.getClass().getSimpleName()
                + "(maxAttempts=" + retryStrategy.maxAttempts() + "), apiCallTimeout=" + apiCallTimeout
                + ", apiCallAttemptTimeout=" + apiCallAttemptTimeout + "]";
    }

    /** Builds {@link AwsCallSettings}; not thread-safe. */
    public static final class Builder {
        private RetryStrategy retryStrategy;
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private Duration apiCallTimeout = DEFAULT_API_CALL_TIMEOUT;
        private Duration apiCallAttemptTimeout = DEFAULT_API_CALL_ATTEMPT_TIMEOUT;

        private Builder() {
        }

        /** Attempts per call with the SDK's standard strategy (1 = no retry). Ignored when {@link #retryStrategy} is set. */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1) {
                throw new ConfigurationException("maxAttempts must be at least 1, was " + maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** A complete SDK retry strategy, for example one with a shorter back-off. */
        public Builder retryStrategy(RetryStrategy retryStrategy) {
            this.retryStrategy = Objects.requireNonNull(retryStrategy, "retryStrategy");
            return this;
        }

        public Builder apiCallTimeout(Duration timeout) {
            this.apiCallTimeout = positive("apiCallTimeout", timeout);
            return this;
        }

        public Builder apiCallAttemptTimeout(Duration timeout) {
            this.apiCallAttemptTimeout = positive("apiCallAttemptTimeout", timeout);
            return this;
        }

        public AwsCallSettings build() {
            return new AwsCallSettings(this);
        }

        private static Duration positive(String what, Duration d) {
            Objects.requireNonNull(d, what);
            if (d.isNegative() || d.isZero()) {
                throw new ConfigurationException(what + " must be positive, was " + d);
            }
            return d;
        }
    }
}
