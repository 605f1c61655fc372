package io.hpcha.drbd;

import io.hpcha.HealthProbe;
import io.hpcha.ReplicatedVolume;
import io.hpcha.testkit.HealthProbeCompatibilityKit;
import io.hpcha.testkit.ReplicatedVolumeCompatibilityKit;
import io.hpcha.testkit.ScriptedCommandRunner;
import org.junit.jupiter.api.Nested;

/** The ReplicatedVolume and HealthProbe contracts, against a scripted DRBD 9 that keeps its state. */
class DrbdCompatibilityTest {
    private static DrbdVolume volume(FakeDrbd fake) {
        return DrbdVolume.builder().resource("r0").runner(new ScriptedCommandRunner().respond(fake)).build();
    }

    @Nested
    class Volume extends ReplicatedVolumeCompatibilityKit {
        @Override
        protected ReplicatedVolume createUpToDateSecondary() {
            return volume(new FakeDrbd("r0").peer("ctl-b"));
        }

        @Override
        protected ReplicatedVolume createVolumeWithoutUpToDateData() {
            return volume(new FakeDrbd("r0").disk("Inconsistent").peer("ctl-b", "Connecting", "Unknown", "DUnknown", "Off"));
        }
    }

    @Nested
    class Probe extends HealthProbeCompatibilityKit {
        @Override
        protected HealthProbe createProbe() {
            ScriptedCommandRunner runner = new ScriptedCommandRunner().respond(new FakeDrbd("r0").peer("ctl-b"));
            return DrbdProbe.builder()
                    .volume(DrbdVolume.builder().resource("r0").runner(runner).build())
                    .volume(DrbdVolume.builder().resource("r1").runner(runner).build()) // not up: UNHEALTHY
                    .build();
        }
    }
}
