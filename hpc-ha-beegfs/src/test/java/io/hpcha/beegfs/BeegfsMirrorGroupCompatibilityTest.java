package io.hpcha.beegfs;

import io.hpcha.ReplicatedVolume;
import io.hpcha.testkit.ManualClock;
import io.hpcha.testkit.ReplicatedVolumeCompatibilityKit;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Nested;

/** The ReplicatedVolume contract against a buddy group behind both CLI generations. */
class BeegfsMirrorGroupCompatibilityTest {
    static ReplicatedVolume group(CliGeneration generation, boolean localUpToDate) {
        ManualClock clock = new ManualClock();
        StatefulBeegfs beegfs = new StatefulBeegfs(clock, generation, 201, "stor02", 101, "stor01");
        if (!localUpToDate) {
            beegfs.setConsistency(101, "Needs-resync");
            beegfs.setConsistency(201, "Needs-resync");
        }
        var runner = beegfs.runner();
        BeegfsClient client = BeegfsClient.builder().runner(runner).generation(generation).build();
        return BeegfsMirrorGroup.builder().client(client).groupId(1).localTarget(101)
                .switchover(new CommandSwitchover(runner, List.of("ssh", "{node}", "systemctl", "stop", "beegfs-{type}"), Duration.ofSeconds(30)))
                .clock(clock).sleeper(clock).pollInterval(Duration.ofSeconds(10)).failoverTimeout(Duration.ofMinutes(5))
                .build();
    }

    @Nested
    class Ctl7 extends ReplicatedVolumeCompatibilityKit {
        @Override
        protected ReplicatedVolume createUpToDateSecondary() {
            return group(CliGeneration.V7, true);
        }

        @Override
        protected ReplicatedVolume createVolumeWithoutUpToDateData() {
            return group(CliGeneration.V7, false);
        }
    }

    @Nested
    class Cli8 extends ReplicatedVolumeCompatibilityKit {
        @Override
        protected ReplicatedVolume createUpToDateSecondary() {
            return group(CliGeneration.V8, true);
        }

        @Override
        protected ReplicatedVolume createVolumeWithoutUpToDateData() {
            return group(CliGeneration.V8, false);
        }
    }
}
