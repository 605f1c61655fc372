package io.hpcha.aws;

import io.hpcha.FloatingAddress;
import io.hpcha.aws.internal.ProviderSupport;
import io.hpcha.spi.Provider;
import io.hpcha.spi.ProviderConfig;
import io.hpcha.spi.ProviderContext;
import java.time.Duration;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * Provider {@code aws-secondary-ip}: an {@link AwsSecondaryIpAddress} from configuration.
 *
 * <pre>{@code
 * provider: aws-secondary-ip
 * region: us-east-1
 * address: 10.0.1.100
 * interfaces: {ctl1: eni-0123456789abcdef0, ctl2: eni-0fedcba9876543210}
 * # or: discover: {clusterTag: {key: hpc-ha:cluster, value: prod}, nodeNameTag: hpc-ha:controller}
 * verifyTimeout: 30s
 * verifyInterval: 1s
 * }</pre>
 *
 * plus the client keys of {@link AwsOverlayIpAddressProvider}. Credentials come from the SDK's default chain.
 */
public final class AwsSecondaryIpAddressProvider implements Provider<FloatingAddress> {
    @Override
    public String name() {
        return "aws-secondary-ip";
    }

    @Override
    public Class<FloatingAddress> type() {
        return FloatingAddress.class;
    }

    @Override
    public FloatingAddress create(ProviderContext context) {
        ProviderConfig c = context.config().requireOnly(ProviderSupport.keys("address", "interfaces", "discover",
                "verifyTimeout", "verifyInterval"));
        AwsCallSettings settings = ProviderSupport.callSettings(c);
        String address = c.string("address");
        Ec2Client ec2 = ProviderSupport.ec2(c, settings);
        return AwsSecondaryIpAddress.builder().ec2(ec2).callSettings(settings)
                .address(address)
                .networkInterfaces(ProviderSupport.interfaces(c, ec2, settings))
                .verifyTimeout(c.duration("verifyTimeout", Duration.ofSeconds(30)))
                .verifyInterval(c.duration("verifyInterval", Duration.ofSeconds(1)))
                .clock(context.clock()).sleeper(context.sleeper())
                .build();
    }
}
