package io.hpcha.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.hpcha.ConnectionState;
import io.hpcha.DiskState;
import io.hpcha.OperationRefusedException;
import io.hpcha.PromoteOptions;
import io.hpcha.ReplicaRole;
import io.hpcha.ReplicatedVolume;
import io.hpcha.VolumeStatus;
import org.junit.jupiter.api.Test;

/** The volume kit catches a volume that promotes without up-to-date data and refuses a second promotion. */
class ReplicatedVolumeKitCanFailTest {
    @Test
    void kitFailsAVolumeThatPromotesStaleDataAndIsNotIdempotent() {
        KitRun run = KitRun.of(BrokenVolumeKit.class);
        assertThat(run.failed()).containsExactlyInAnyOrder(
                "promoteWithoutUpToDateDataIsRefusedAndChangesNothing", "promoteIsIdempotent");
        assertThat(run.succeeded()).contains("promotingAnUpToDateSecondaryMakesItPrimary",
                "demoteMakesAPrimarySecondaryAgain");
    }

    /** Always forces promotion, and refuses to promote a primary. */
    static final class BrokenVolume implements ReplicatedVolume {
        private final FakeReplicatedVolume fake;

        BrokenVolume(FakeReplicatedVolume fake) {
            this.fake = fake;
        }

        @Override
        public String name() {
            return fake.name();
        }

        @Override
        public VolumeStatus status() {
            return fake.status();
        }

        @Override
        public void promote(PromoteOptions options) {
            if (fake.status().local().orElseThrow().role() == ReplicaRole.PRIMARY) {
                throw new OperationRefusedException("", "already primary");
            }
            fake.promote(PromoteOptions.forced("broken on purpose"));
        }

        @Override
        public void demote() {
            fake.demote();
        }
    }

    static class BrokenVolumeKit extends ReplicatedVolumeCompatibilityKit {
        private final ManualClock clock = new ManualClock();

        @Override
        protected ReplicatedVolume createUpToDateSecondary() {
            return new BrokenVolume(new FakeReplicatedVolume("r0", "a", "b", clock));
        }

        @Override
        protected ReplicatedVolume createVolumeWithoutUpToDateData() {
            return new BrokenVolume(new FakeReplicatedVolume("r0", "a", "b", clock)
                    .setLocal(ReplicaRole.SECONDARY, DiskState.INCONSISTENT)
                    .setPeer(ReplicaRole.SECONDARY, DiskState.UP_TO_DATE, ConnectionState.STANDALONE));
        }
    }
}
