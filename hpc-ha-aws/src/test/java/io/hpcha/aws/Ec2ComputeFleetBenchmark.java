package io.hpcha.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.hpcha.FleetInstance;
import io.hpcha.aws.standin.Ec2StandIn;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * Benchmark, not a test: {@code instances()} over 10,000 instances served in EC2's pages by the
 * stand-in. Prints the number of EC2 requests and the time per call; asserts only correctness, never
 * time. Not run by the build (its name ends in Benchmark); run it with
 * {@code mvn -pl hpc-ha-aws test -Dtest=Ec2ComputeFleetBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class Ec2ComputeFleetBenchmark {
    static final int INSTANCES = 10_000;
    static final int RUNS = 5;

    @Test
    void instancesOverTenThousand() {
        try (Ec2StandIn ec2 = Ec2StandIn.start(); Ec2Client client = ec2.client()) {
            ec2.model().instances(INSTANCES, Map.of("hpc-ha:cluster", "bench"), "hpc-ha:node");
            Ec2ComputeFleet fleet = Ec2ComputeFleet.builder().ec2(client).clusterTag("hpc-ha:cluster", "bench")
                    .nodeNameTag("hpc-ha:node").build();

            assertThat(fleet.instances()).hasSize(INSTANCES);   // warm-up: class loading, JIT, connections
            List<Long> millis = new ArrayList<>();
            int requests = 0;
            for (int run = 0; run < RUNS; run++) {
                int before = ec2.calls();
                long start = System.nanoTime();
                List<FleetInstance> instances = fleet.instances();
                millis.add((System.nanoTime() - start) / 1_000_000);
                requests = ec2.calls() - before;
                assertThat(instances).hasSize(INSTANCES);
            }
            Collections.sort(millis);
            System.out.printf("BENCHMARK Ec2ComputeFleet.instances() over %d instances: %d EC2 requests per call "
                            + "(DescribeInstances + DescribeInstanceStatus pages of 1000); time per call over %d runs: "
                            + "min %d ms, median %d ms, max %d ms%n",
                    INSTANCES, requests, RUNS, millis.get(0), millis.get(RUNS / 2), millis.get(RUNS - 1));
        }
    }
}
