package io.hpcha.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hpcha.ComputeFleet;
import io.hpcha.ConfigurationException;
import io.hpcha.FloatingAddress;
import io.hpcha.HealthProbe;
import io.hpcha.Lease;
import io.hpcha.NodeId;
import io.hpcha.aws.standin.Ec2Model;
import io.hpcha.aws.standin.Ec2StandIn;
import io.hpcha.spi.LocalCommandRunner;
import io.hpcha.spi.ProviderConfig;
import io.hpcha.spi.ProviderContext;
import io.hpcha.spi.Providers;
import io.hpcha.testkit.ManualClock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The four AWS providers, found through ServiceLoader and driving the EC2 stand-in from configuration. */
class AwsProvidersTest {
    static Ec2StandIn ec2;

    @BeforeAll
    static void startStandIn() {
        ec2 = Ec2StandIn.start();
        // the SDK's default credential chain reads these first; nothing leaves the loopback interface
        System.setProperty("aws.accessKeyId", Ec2StandIn.CREDENTIALS.accessKeyId());
        System.setProperty("aws.secretAccessKey", Ec2StandIn.CREDENTIALS.secretAccessKey());
    }

    @AfterAll
    static void stopStandIn() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        ec2.close();
    }

    ProviderContext context(Map<String, ?> config) {
        ManualClock clock = new ManualClock();
        return new ProviderContext(ProviderConfig.of("cluster.address", config), LocalCommandRunner.create(), clock, clock);
    }

    Map<String, Object> client(Map<String, Object> rest) {
        Map<String, Object> all = new java.util.LinkedHashMap<>(rest);
        all.put("region", "us-east-1");
        all.put("endpoint", ec2.endpoint().toString());
        all.put("maxAttempts", 2);
        return all;
    }

    @Test
    void theProvidersAreRegisteredUnderTheirNames() {
        assertThat(Providers.find(FloatingAddress.class, "aws-overlay-ip")).isInstanceOf(AwsOverlayIpAddressProvider.class);
        assertThat(Providers.find(FloatingAddress.class, "aws-secondary-ip")).isInstanceOf(AwsSecondaryIpAddressProvider.class);
        assertThat(Providers.find(ComputeFleet.class, "ec2")).isInstanceOf(Ec2ComputeFleetProvider.class);
        assertThat(Providers.find(HealthProbe.class, "ec2-status")).isInstanceOf(Ec2StatusProbeProvider.class);
        assertThat(Providers.find(Lease.class, "dynamodb")).isInstanceOf(DynamoDbLeaseProvider.class);
    }

    Map<String, Object> leaseSection(Object... overrides) {
        Map<String, Object> all = new java.util.LinkedHashMap<>(Map.of("provider", "dynamodb", "region", "eu-west-1",
                "table", "hpc-ha-leases", "name", "slurm-controller", "duration", "15s"));
        for (int i = 0; i < overrides.length; i += 2) {
            if (overrides[i + 1] == null) {
                all.remove((String) overrides[i]);
            } else {
                all.put((String) overrides[i], overrides[i + 1]);
            }
        }
        return all;
    }

    ProviderContext leaseContext(Map<String, ?> config) {
        ManualClock clock = new ManualClock();
        return new ProviderContext(ProviderConfig.of("lease", config), LocalCommandRunner.create(), clock, clock);
    }

    @Test
    void aLeaseFromTheFailoverDaemonsSection() {
        Lease lease = Providers.create(Lease.class, "dynamodb", leaseContext(leaseSection()));
        assertThat(lease).isInstanceOfSatisfying(DynamoDbLease.class, l -> assertThat(l.name()).isEqualTo("slurm-controller"));
        Lease local = Providers.create(Lease.class, "dynamodb", leaseContext(leaseSection(
                "endpoint", "http://10.0.0.1:8000", "clockSkew", "1s", "duration", "PT10S")));
        assertThat(local).isInstanceOf(DynamoDbLease.class);
        Lease noRegion = Providers.create(Lease.class, "dynamodb", leaseContext(leaseSection(
                "endpoint", "http://127.0.0.1:8000", "region", null)));
        assertThat(noRegion).as("an emulator needs no region").isInstanceOf(DynamoDbLease.class);
    }

    @Test
    void leaseConfigurationMistakesNameTheKey() {
        Map<String, Map<String, Object>> cases = new java.util.LinkedHashMap<>();
        cases.put("lease.tabel", leaseSection("tabel", "x"));
        cases.put("lease.table", leaseSection("table", null));
        cases.put("lease.name", leaseSection("name", null));
        cases.put("lease.table:", leaseSection("table", "a b"));
        cases.put("lease.name:", leaseSection("name", "two words"));
        cases.put("lease.duration", leaseSection("duration", "soon"));
        cases.put("lease.duration:", leaseSection("duration", "3s"));
        cases.put("lease.clockSkew", leaseSection("clockSkew", "10s"));
        cases.put("lease.apiCallTimeout", leaseSection("apiCallTimeout", "20s"));
        cases.put("lease.endpoint", leaseSection("endpoint", "localhost:8000"));
        cases.put("lease.maxAttempts", leaseSection("maxAttempts", "many"));
        cases.forEach((key, config) -> assertThatThrownBy(() -> Providers.create(Lease.class, "dynamodb", leaseContext(config)))
                .as(key).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(key.endsWith(":") ? key.substring(0, key.length() - 1) : key));
    }

    @Test
    void anOverlayAddressFromConfigurationMovesRoutes() {
        Ec2Model m = ec2.reset();
        m.instance(Ids.I_1, Ids.ENI_1, "10.0.1.10");
        m.instance(Ids.I_2, Ids.ENI_2, "10.0.2.10");
        m.routeTable(Ids.RTB_A).route(Ids.RTB_A, "192.168.2.50/32", Ids.ENI_1);

        FloatingAddress a = Providers.create(FloatingAddress.class, "aws-overlay-ip", context(client(Map.of(
                "address", "192.168.2.50", "routeTables", List.of(Ids.RTB_A),
                "interfaces", Map.of("ctl1", Ids.ENI_1, "ctl2", Ids.ENI_2), "verifyTimeout", "10s"))));
        a.assignTo(NodeId.of("ctl2"));

        assertThat(m.routeTarget(Ids.RTB_A, "192.168.2.50/32")).isEqualTo(Ids.ENI_2);
    }

    @Test
    void aSecondaryAddressFromConfigurationDiscoversItsInterfacesFromTags() {
        Ec2Model m = ec2.reset();
        m.instance(Ids.I_1, Ids.ENI_1, "10.0.1.10").tag("hpc-ha:cluster", "prod").tag("hpc-ha:controller", "ctl1");
        m.instance(Ids.I_2, Ids.ENI_2, "10.0.1.20").tag("hpc-ha:cluster", "prod").tag("hpc-ha:controller", "ctl2");

        FloatingAddress a = Providers.create(FloatingAddress.class, "aws-secondary-ip", context(client(Map.of(
                "address", "10.0.1.100",
                "discover", Map.of("clusterTag", Map.of("key", "hpc-ha:cluster", "value", "prod"),
                        "nodeNameTag", "hpc-ha:controller")))));
        a.assignTo(NodeId.of("ctl1"));

        assertThat(a.holder()).contains(NodeId.of("ctl1"));
        assertThat(m.secondaryAddresses(Ids.ENI_1)).containsExactly("10.0.1.100");
    }

    @Test
    void aFleetAndAProbeFromConfiguration() {
        Ec2Model m = ec2.reset();
        m.instance("i-0a000000000000001").tag("hpc-ha:cluster", "prod").tag("hpc-ha:node", "n1").checks("impaired", "ok");
        Map<String, Object> fleetConfig = client(Map.of("clusterTag", Map.of("key", "hpc-ha:cluster", "value", "prod"),
                "nodeNameTag", "hpc-ha:node", "launchTemplate", Map.of("name", "hpc-compute")));

        ComputeFleet fleet = Providers.create(ComputeFleet.class, "ec2", context(fleetConfig));
        assertThat(fleet.instances()).singleElement().satisfies(i -> assertThat(i.node()).contains(NodeId.of("n1")));

        Map<String, Object> probeConfig = new java.util.LinkedHashMap<>(fleetConfig);
        probeConfig.put("name", "compute-ec2");
        HealthProbe probe = Providers.create(HealthProbe.class, "ec2-status", context(probeConfig));
        assertThat(probe.name()).isEqualTo("compute-ec2");
        assertThat(probe.probe()).singleElement().satisfies(r -> assertThat(r.health()).isEqualTo(io.hpcha.Health.UNHEALTHY));
    }

    @Test
    void configurationMistakesNameTheKey() {
        assertThatThrownBy(() -> Providers.create(FloatingAddress.class, "aws-overlay-ip", context(client(Map.of(
                "address", "192.168.2.50", "routeTables", List.of(Ids.RTB_A), "interfaces", Map.of("ctl1", Ids.ENI_1),
                "createMisingRoute", true)))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("cluster.address.createMisingRoute");
        assertThatThrownBy(() -> Providers.create(FloatingAddress.class, "aws-secondary-ip", context(client(Map.of(
                "address", "10.0.1.100")))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'interfaces'");
        assertThatThrownBy(() -> Providers.create(ComputeFleet.class, "ec2", context(Map.of(
                "region", "us-east-1", "endpoint", "not a uri", "clusterTag", Map.of("key", "k", "value", "v"), "nodeNameTag", "n"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("cluster.address.endpoint");
        assertThatThrownBy(() -> Providers.create(ComputeFleet.class, "ec2", context(client(Map.of(
                "clusterTag", Map.of("key", "aws:reserved", "value", "v"), "nodeNameTag", "n")))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("aws:");
    }
}
