package io.hpcha.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.hpcha.examples.HpcHa;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs {@code hpc-ha demo} as a user would and checks what its timeline says happened. */
class DemoCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return HpcHa.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private List<String> lines() {
        return Arrays.asList(out.toString().split("\n"));
    }

    /** The text of the timeline lines (without their time stamps) between the lines starting with {@code from} and {@code to}. */
    private List<String> between(String from, String to) {
        List<String> all = lines();
        int start = indexOf(all, from, 0);
        int end = indexOf(all, to, start + 1);
        return all.subList(start, end).stream().map(l -> l.replaceFirst("^\\[\\+[0-9:.]+\\] ", "")).toList();
    }

    private static int indexOf(List<String> lines, String text, int from) {
        for (int i = from; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        throw new AssertionError("no line containing '" + text + "'");
    }

    @Test
    void bothScenariosRunToTheExpectedOutcomeAndExitZero() {
        int exit = run("demo");

        assertThat(exit).as(out + "\n" + err).isZero();
        assertThat(lines()).contains("PASSED Scenario A: controller failover with an overlay IP",
                "PASSED Scenario B: compute node auto-recovery");
        assertThat(lines()).anyMatch(l -> l.matches("demo finished in [0-9.]+ s of wall time"));
        assertThat(err.toString()).as("the timeline replaces the console log").isEmpty();
    }

    @Test
    void scenarioAShowsTheStandbyTakingOverAfterTheLeaseRanOutAndFencingThePeerFirst() {
        assertThat(run("demo", "--scenario", "a")).isZero();

        List<String> a = between("=== Scenario A", "PASSED Scenario A");
        assertThat(a).containsSubsequence(
                "ctl-a: won the lease (fencing token 1); running the resource group plan",
                "ctl-a: fence-peer: already in place",       // the healthy standby is not fenced
                "ctl-a: plan COMPLETED: ctl-a is the active controller",
                "ctl-a hangs: it stops renewing the lease, slurmctld at 172.16.0.100 stops answering, DRBD on ctl-b loses its peer",
                "ctl-b: won the lease (fencing token 2); running the resource group plan",
                "Fencing peer: force-stop of instance i-000000000000000a1",
                "ctl-b: fence-peer: done (00:08.000)",
                "ctl-b: promote-volume: done (00:00.000)",
                "ctl-b: mount -t ext4 /dev/drbd0 /var/spool/slurm-ha",
                "ctl-b: systemctl start mariadb",
                "ctl-b: systemctl start slurmdbd",
                "ctl-b: systemctl start slurmctld",
                "ctl-b: overlay IP 172.16.0.100: VPC route tables now point at ctl-b's ENI",
                "ctl-b: plan COMPLETED: ctl-b is the active controller",
                "slurmctld answers at 172.16.0.100 from ctl-b; 4 compute nodes visible");
        assertThat(a).noneMatch(l -> l.startsWith("ctl-b: systemctl") && a.indexOf(l) < a.indexOf("ctl-b: fence-peer: done (00:08.000)"));
        assertThat(a).noneMatch(l -> l.contains("Scenario B"));
        // the lease (15 s) had to run out after ctl-a's last renewal before ctl-b could act
        String won = lines().stream().filter(l -> l.contains("ctl-b: won the lease")).findFirst().orElseThrow();
        assertThat(won).startsWith("[+00:5");
    }

    @Test
    void scenarioBRecoversInTheOperatorsWordsAndDoesNothingWhileEc2CannotBeSeen() {
        assertThat(run("demo", "--scenario", "b")).isZero();

        List<String> b = between("=== Scenario B", "PASSED Scenario B");
        assertThat(b).containsSubsequence(
                "Monitoring Compute-2... Status: running | Health: ok",
                "(the host under compute-2 fails: EC2 system status check impaired)",
                "ALERT: Primary Compute Node Failed. Initiating Recovery... (instance i-000000c0ffee00002 status checks: system impaired, instance ok)",
                "Starting Standby Node i-000000c0ffee00006",
                "Marking DOWN failed node compute-2 in Slurm",
                "RECOVERY COMPLETE: Standby Node is Active.",
                "(the EC2 API stops answering)",
                "(compute-3's instance dies while the agent cannot see EC2)",
                "(the EC2 API answers again)",
                "leaving protected mode: signals trusted again after a cool-down of PT3M",
                "Starting Standby Node i-000000c0ffee00007",
                "RECOVERY COMPLETE: Standby Node is Active.");
        List<String> blind = between("(the EC2 API stops answering)", "leaving protected mode");
        assertThat(blind).as("no action while EC2 fails or during the cool-down")
                .noneMatch(l -> l.startsWith("Starting Standby Node") || l.startsWith("Marking DOWN"))
                .anyMatch(l -> l.startsWith("protected mode (PROTECTED): observer failed"))
                .anyMatch(l -> l.contains("[not acting: PROTECTED"));
        assertThat(b).filteredOn(l -> l.startsWith("Starting Standby Node")).hasSize(2);
        assertThat(b).anyMatch(l -> l.contains("EC2 writes: start i-000000c0ffee00006, start i-000000c0ffee00007; Slurm writes: "
                + "markDown compute-2, resume compute-2-standby, markDown compute-3, resume compute-3-standby."));
    }

    @Test
    void anUnknownScenarioIsAUsageError() {
        assertThat(run("demo", "--scenario", "c")).isEqualTo(2);
        assertThat(err.toString()).contains("--scenario: expected a, b or all, found 'c'");
    }
}
