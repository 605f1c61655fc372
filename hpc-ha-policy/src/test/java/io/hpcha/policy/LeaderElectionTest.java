package io.hpcha.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hpcha.Leadership;
import io.hpcha.NodeId;
import io.hpcha.testkit.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeaderElectionTest {
    private final ManualClock clock = new ManualClock();
    private final TestLease lease = new TestLease(clock, Duration.ofSeconds(15));
    private final List<String> heard = new ArrayList<>();
    private final LeadershipListener listener = new LeadershipListener() {
        @Override
        public void onElected(Leadership grant) {
            heard.add("elected " + grant.holder() + " #" + grant.fencingToken());
        }

        @Override
        public void onLost(Leadership grant, String reason) {
            heard.add("lost " + grant.holder() + ": " + reason);
        }
    };

    private LeaderElection election(String node) {
        return LeaderElection.builder(lease, NodeId.of(node)).clock(clock).safetyMargin(Duration.ofSeconds(2))
                .renewEvery(Duration.ofSeconds(5)).listener(listener).build();
    }

    @Test
    void aTickAcquiresAFreeLease() {
        LeaderElection a = election("ctl-a");
        assertThat(a.isLeader()).isFalse();
        assertThatThrownBy(a::fencingToken).isInstanceOf(NotLeaderException.class);

        a.tick();

        assertThat(a.isLeader()).isTrue();
        assertThat(a.fencingToken()).isEqualTo(1);
        assertThat(a.current()).hasValueSatisfying(g -> assertThat(g.holder()).isEqualTo(NodeId.of("ctl-a")));
        assertThat(heard).containsExactly("elected ctl-a #1");
    }

    @Test
    void onlyOneOfTwoCandidatesLeads() {
        LeaderElection a = election("ctl-a");
        LeaderElection b = election("ctl-b");
        a.tick();
        b.tick();

        assertThat(a.isLeader()).isTrue();
        assertThat(b.isLeader()).isFalse();
    }

    @Test
    void renewalKeepsLeadershipAcrossManyTerms() {
        LeaderElection a = election("ctl-a");
        a.tick();
        for (int i = 0; i < 20; i++) {
            clock.advance(Duration.ofSeconds(5));
            a.tick();
            assertThat(a.isLeader()).isTrue();
        }
        assertThat(lease.renewals).isEqualTo(20);
        assertThat(a.fencingToken()).isEqualTo(1);
    }

    @Test
    void leadershipEndsAtExpiryMinusTheMarginEvenWithoutATick() {
        LeaderElection a = election("ctl-a");
        a.tick();

        clock.advance(Duration.ofSeconds(12));
        assertThat(a.isLeader()).isTrue();
        clock.advance(Duration.ofSeconds(1)); // 13 s: within 2 s of the 15 s expiry
        assertThat(a.isLeader()).isFalse();
        assertThatThrownBy(a::fencingToken).isInstanceOf(NotLeaderException.class);
    }

    @Test
    void aStalledLeaderLosesToThePeerWhichGetsANewerToken() {
        LeaderElection a = election("ctl-a");
        LeaderElection b = election("ctl-b");
        a.tick();
        clock.advance(Duration.ofSeconds(16)); // a stalled past its expiry
        b.tick();

        a.tick();

        assertThat(a.isLeader()).isFalse();
        assertThat(b.fencingToken()).isEqualTo(2);
        assertThat(heard).containsExactly("elected ctl-a #1", "elected ctl-b #2",
                "lost ctl-a: grant expired before it could be renewed");
    }

    @Test
    void aRefusedRenewalEndsLeadershipAtOnce() {
        LeaderElection a = election("ctl-a");
        a.tick();
        lease.release(lease.current().orElseThrow()); // an operator cleared the lease
        lease.tryAcquire(NodeId.of("ctl-b"));

        a.tick();

        assertThat(a.isLeader()).isFalse();
        assertThat(heard).last().asString().contains("refused renewal");
    }

    @Test
    void anUnreachableLeaseKeepsTheGrantUntilItRunsOut() {
        LeaderElection a = election("ctl-a");
        a.tick();
        lease.unreachable = true;

        clock.advance(Duration.ofSeconds(5));
        a.tick();
        assertThat(a.isLeader()).isTrue();

        clock.advance(Duration.ofSeconds(8));
        a.tick();
        assertThat(a.isLeader()).isFalse();
        assertThat(heard).last().asString().contains("expired");
    }

    @Test
    void startedElectionTicksOnTheSchedulerAndStopReleasesTheLease() {
        ManualTaskScheduler scheduler = new ManualTaskScheduler(clock);
        LeaderElection a = LeaderElection.builder(lease, NodeId.of("ctl-a")).clock(clock).scheduler(scheduler)
                .renewEvery(Duration.ofSeconds(5)).build();

        a.start();
        scheduler.advance(Duration.ofMinutes(2));

        assertThat(a.isLeader()).isTrue();
        assertThat(lease.renewals).isEqualTo(24);

        a.stop();
        assertThat(a.isLeader()).isFalse();
        assertThat(lease.current()).isEmpty();
        assertThat(scheduler.pending()).isZero();
        LeaderElection b = election("ctl-b");
        b.tick();
        assertThat(b.isLeader()).as("the peer need not wait for expiry").isTrue();
    }
}
