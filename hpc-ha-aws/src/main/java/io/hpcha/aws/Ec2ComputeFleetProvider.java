package io.hpcha.aws;

import io.hpcha.ComputeFleet;
import io.hpcha.aws.internal.ProviderSupport;
import io.hpcha.spi.Provider;
import io.hpcha.spi.ProviderConfig;
import io.hpcha.spi.ProviderContext;
import java.util.Set;

/**
 * Provider {@code ec2}: an {@link Ec2ComputeFleet} from configuration.
 *
 * <pre>{@code
 * provider: ec2
 * region: us-east-1
 * clusterTag: {key: hpc-ha:cluster, value: prod}
 * nodeNameTag: hpc-ha:node
 * standbyTag: {key: hpc-ha:standby, value: "true"}        # optional
 * launchTemplate: {name: hpc-compute, version: $Default}  # optional; or {id: lt-…}
 * }</pre>
 *
 * plus the client keys of {@link AwsOverlayIpAddressProvider}. Credentials come from the SDK's default chain.
 */
public final class Ec2ComputeFleetProvider implements Provider<ComputeFleet> {
    static final Set<String> KEYS = ProviderSupport.keys("clusterTag", "nodeNameTag", "standbyTag", "launchTemplate");

    @Override
    public String name() {
        return "ec2";
    }

    @Override
    public Class<ComputeFleet> type() {
        return ComputeFleet.class;
    }

    @Override
    public ComputeFleet create(ProviderContext context) {
        return fleet(context.config().requireOnly(KEYS));
    }

    static Ec2ComputeFleet fleet(ProviderConfig c) {
        ProviderConfig cluster = c.section("clusterTag").requireOnly(Set.of("key", "value"));
        AwsCallSettings settings = ProviderSupport.callSettings(c);
        Ec2ComputeFleet.Builder b = Ec2ComputeFleet.builder().ec2(ProviderSupport.ec2(c, settings))
                .callSettings(settings)
                .clusterTag(cluster.string("key"), cluster.string("value"))
                .nodeNameTag(c.string("nodeNameTag"));
        if (c.has("standbyTag")) {
            ProviderConfig standby = c.section("standbyTag").requireOnly(Set.of("key", "value"));
            b.standbyTag(standby.string("key"), standby.string("value"));
        }
        if (c.has("launchTemplate")) {
            ProviderConfig t = c.section("launchTemplate").requireOnly(Set.of("id", "name", "version"));
            b.launchTemplate(new LaunchTemplateRef(t.optionalString("id").orElse(null),
                    t.optionalString("name").orElse(null), t.string("version", "$Default")));
        }
        return b.build();
    }
}
