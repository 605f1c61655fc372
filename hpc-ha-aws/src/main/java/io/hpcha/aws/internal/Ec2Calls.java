package io.hpcha.aws.internal;

import io.hpcha.aws.AwsCallSettings;
import java.util.Objects;
import java.util.function.Function;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * Runs EC2 calls with this module's {@link AwsCallSettings} applied to each request (retry strategy
 * and timeouts) and maps failures through {@link AwsErrors#EC2}. Immutable and thread-safe.
 */
public final class Ec2Calls {
    private final Ec2Client ec2;
    private final AwsRequestOverrideConfiguration override;

    public Ec2Calls(Ec2Client ec2, AwsCallSettings settings) {
        this.ec2 = Objects.requireNonNull(ec2, "ec2");
        this.override = AwsRequestOverrides.of(settings);
    }

    /**
     * Calls EC2 action {@code action}. {@code call} must pass the given override configuration to its
     * request ({@code b.overrideConfiguration(o)}).
     */
    public <T> T call(String action, Function<Ec2Call, T> call) {
        try {
            return call.apply(new Ec2Call(ec2, override));
        } catch (SdkException e) {
            throw AwsErrors.EC2.map(action, e);
        }
    }

    /** The client and the per-request configuration to use for one call. */
    public record Ec2Call(Ec2Client ec2, AwsRequestOverrideConfiguration override) {
    }
}
