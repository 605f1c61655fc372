package io.hpcha.aws;

import io.hpcha.FloatingAddress;
import io.hpcha.aws.internal.ProviderSupport;
import io.hpcha.spi.Provider;
import io.hpcha.spi.ProviderConfig;
import io.hpcha.spi.ProviderContext;
import java.time.Duration;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * Provider {@code aws-overlay-ip}: an {@link AwsOverlayIpAddress} from configuration.
 *
 * <pre>{@code
 * provider: aws-overlay-ip
 * region: us-east-1                      # optional: the SDK's region chain otherwise
 * address: 192.168.2.50
 * routeTables: [rtb-0a1b2c3d4e5f60718, rtb-0f1e2d3c4b5a69788]
 * interfaces: {ctl1: eni-0123456789abcdef0, ctl2: eni-0fedcba9876543210}
 * # or: discover: {clusterTag: {key: hpc-ha:cluster, value: prod}, nodeNameTag: hpc-ha:controller}
 * createMissingRoute: false
 * verifyTimeout: 30s
 * verifyInterval: 1s
 * maxAttempts: 3                         # SDK retry strategy
 * apiCallTimeout: 30s
 * apiCallAttemptTimeout: 10s
 * }</pre>
 *
 * Credentials come from the SDK's default chain. The EC2 client lives as long as the address.
 */
public final class AwsOverlayIpAddressProvider implements Provider<FloatingAddress> {
    @Override
    public String name() {
        return "aws-overlay-ip";
    }

    @Override
    public Class<FloatingAddress> type() {
        return FloatingAddress.class;
    }

    @Override
    public FloatingAddress create(ProviderContext context) {
        ProviderConfig c = context.config().requireOnly(ProviderSupport.keys("address", "routeTables", "interfaces",
                "discover", "createMissingRoute", "verifyTimeout", "verifyInterval"));
        AwsCallSettings settings = ProviderSupport.callSettings(c);
        String address = c.string("address");
        Ec2Client ec2 = ProviderSupport.ec2(c, settings);
        return AwsOverlayIpAddress.builder().ec2(ec2).callSettings(settings)
                .address(address)
                .routeTables(c.stringList("routeTables"))
                .networkInterfaces(ProviderSupport.interfaces(c, ec2, settings))
                .createMissingRoute(c.bool("createMissingRoute", false))
                .verifyTimeout(c.duration("verifyTimeout", Duration.ofSeconds(30)))
                .verifyInterval(c.duration("verifyInterval", Duration.ofSeconds(1)))
                .clock(context.clock()).sleeper(context.sleeper())
                .build();
    }
}
