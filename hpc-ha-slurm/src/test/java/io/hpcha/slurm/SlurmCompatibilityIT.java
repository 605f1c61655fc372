package io.hpcha.slurm;

import io.hpcha.HealthProbe;
import io.hpcha.Scheduler;
import io.hpcha.testkit.HealthProbeCompatibilityKit;
import io.hpcha.testkit.SchedulerCompatibilityKit;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The testkit's Scheduler and HealthProbe contracts, run against the real Slurm testbed. Every test
 * starts from a restored testbed (the kit's factory methods restore it), and the class leaves it so.
 */
@ExtendWith(SlurmTestbedExtension.class)
class SlurmCompatibilityIT {
    private static SlurmTestbed testbed;

    @BeforeAll
    static void setUp(SlurmTestbed t) {
        testbed = t;
    }

    @AfterAll
    static void leaveTheTestbedAsFound() {
        testbed.restore();
    }

    @Nested
    class Scheduler_ extends SchedulerCompatibilityKit {
        @Override
        protected Scheduler createScheduler() {
            testbed.restore();
            return testbed.scheduler();
        }

        /**
         * A resumed node is briefly {@code idle*} (NOT_RESPONDING) until slurmctld pings its slurmd,
         * and a DOWN node stays so until then; the ping comes within a second or two on the testbed.
         */
        @Override
        protected Duration settleTimeout() {
            return Duration.ofSeconds(30);
        }
    }

    @Nested
    class NodeProbe extends HealthProbeCompatibilityKit {
        @Override
        protected HealthProbe createProbe() {
            testbed.restore();
            return SlurmNodeProbe.builder().scheduler(testbed.scheduler()).build();
        }
    }

    @Nested
    class ControllerProbe extends HealthProbeCompatibilityKit {
        @Override
        protected HealthProbe createProbe() {
            testbed.restore();
            return SlurmControllerProbe.builder().scheduler(testbed.scheduler()).build();
        }
    }

    @Nested
    class CanaryProbe extends HealthProbeCompatibilityKit {
        @Override
        protected HealthProbe createProbe() {
            testbed.restore();
            return SlurmCanaryJobProbe.builder().runner(testbed.runner()).deadline(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(500)).commandTimeout(Duration.ofSeconds(60)).build();
        }
    }
}
