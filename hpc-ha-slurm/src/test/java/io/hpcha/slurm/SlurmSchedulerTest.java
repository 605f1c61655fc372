package io.hpcha.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import io.hpcha.BackendUnavailableException;
import io.hpcha.ControllerStatus;
import io.hpcha.NodeId;
import io.hpcha.NodeState;
import io.hpcha.NotFoundException;
import io.hpcha.OperationRefusedException;
import io.hpcha.SchedulerNode;
import io.hpcha.UnexpectedOutputException;
import io.hpcha.spi.Command;
import io.hpcha.spi.CommandResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** SlurmScheduler's command use and error handling, with Slurm's answers scripted from captured output. */
class SlurmSchedulerTest {
    private static final Fixture IDLE = Fixture.load("slurm-22.05/sinfo-json-idle.txt");
    private static final Fixture CONFIG = Fixture.load("slurm-22.05/scontrol-show-config.txt");
    private final ScriptedRunner runner = new ScriptedRunner().on("sinfo -V", 0, "slurm-wlm 22.05.8\n");
    /** Without the node check before writes, so that a write test scripts only the update itself. */
    private final SlurmScheduler scheduler = SlurmScheduler.builder().runner(runner).checkNodesExistFirst(false).build();

    private static List<NodeId> ids(String... names) {
        return java.util.Arrays.stream(names).map(NodeId::of).toList();
    }

    @Test
    void detectsTheVersionOnceAndReadsNodesWithSinfoJsonOn2205() {
        runner.on("sinfo --json", IDLE);
        assertThat(scheduler.nodes()).hasSize(3);
        assertThat(scheduler.nodes()).extracting(SchedulerNode::state).containsOnly(NodeState.IDLE);
        assertThat(runner.lines("sinfo -V")).hasSize(1);
        assertThat(runner.lines("sinfo --json")).hasSize(2);
        assertThat(scheduler.nodeSource()).isEqualTo(NodeSource.SINFO_JSON);
        assertThat(runner.commands()).allSatisfy(c -> assertThat(c.timeout()).isPositive());
        Command json = runner.commands().get(1);
        assertThat(json.timeout()).isEqualTo(SlurmScheduler.DEFAULT_COMMAND_TIMEOUT);
    }

    @Test
    void readsNodesWithScontrolJsonFrom2302AndTextBefore2108() {
        ScriptedRunner r2311 = new ScriptedRunner().on("sinfo -V", 0, "slurm 23.11.1\n")
                .on("scontrol show nodes --json", Fixture.load("slurm-23.11/scontrol-show-nodes-json.json"));
        assertThat(SlurmScheduler.builder().runner(r2311).build().nodes()).hasSize(7);

        ScriptedRunner r2011 = new ScriptedRunner().on("sinfo -V", 0, "slurm 20.11.9\n")
                .on("scontrol show node -o", Fixture.load("slurm-22.05/scontrol-show-node-o-one-down.txt"));
        SlurmScheduler old = SlurmScheduler.builder().runner(r2011).build();
        assertThat(old.nodes()).extracting(n -> n.state()).containsExactly(NodeState.IDLE, NodeState.IDLE, NodeState.DOWN);
        assertThat(old.nodeSource()).isEqualTo(NodeSource.SCONTROL_TEXT);
    }

    @Test
    void aJsonAnswerWithErrorsIsUnavailableNeverAnEmptyCluster() {
        runner.on("sinfo --json", Fixture.load("slurm-22.05/sinfo-json-ctld-down.txt"));
        assertThatThrownBy(scheduler::nodes).isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("Unspecified error");

        ScriptedRunner r2311 = new ScriptedRunner().on("sinfo -V", 0, "slurm 23.11.1\n")
                .on("scontrol show nodes --json", c -> io.hpcha.spi.CommandResult.of(c, 1,
                        Fixture.load("slurm-23.11/scontrol-show-nodes-json-ctld-down.json").output(), ""));
        assertThatThrownBy(() -> SlurmScheduler.builder().runner(r2311).build().nodes())
                .isInstanceOf(BackendUnavailableException.class).hasMessageContaining("Unable to contact slurm controller");
    }

    @Test
    void fallsBackToTextForGoodWhenTheBuildLacksJson() {
        ScriptedRunner r = new ScriptedRunner().on("sinfo -V", 0, "slurm 23.02.7\n")
                .on("scontrol show nodes --json", Fixture.load("slurm-22.05/scontrol-show-nodes-json-unsupported.txt"))
                .on("scontrol show node -o", Fixture.load("slurm-22.05/scontrol-show-node-o.txt"));
        SlurmScheduler s = SlurmScheduler.builder().runner(r).build();
        assertThat(s.nodes()).hasSize(3);
        assertThat(s.nodes()).hasSize(3);
        assertThat(r.lines("scontrol show nodes --json")).hasSize(1);
        assertThat(s.nodeSource()).isEqualTo(NodeSource.SCONTROL_TEXT);
    }

    @Test
    void controllerUnreachableWhileListingIsUnavailable() {
        runner.on("sinfo --json", 1, "slurm_load_partitions: Unable to contact slurm controller (connect failure)");
        assertThatThrownBy(scheduler::nodes).isInstanceOf(BackendUnavailableException.class).matches(e -> ((BackendUnavailableException) e).retryable());
        runner.on("sinfo --json", 0, "this is not json");
        assertThatThrownBy(scheduler::nodes).isInstanceOf(UnexpectedOutputException.class);
    }

    @Test
    void drainIsOneScontrolUpdateWithACompressedHostlist() {
        runner.on("scontrol update", 0, "");
        scheduler.drain(ids("n3", "n1", "n2", "n1"), "disk failure");
        assertThat(runner.lines()).containsExactly("scontrol update nodename=n[1-3] state=DRAIN reason=disk failure");
    }

    @Test
    void resumeAndMarkDown() {
        runner.on("scontrol update", 0, "").on("scontrol show config", CONFIG);
        scheduler.resume(ids("gpu010", "gpu009", "gpu011"));
        scheduler.markDown(ids("n7"), "replaced");
        assertThat(runner.lines("scontrol update")).containsExactly(
                "scontrol update nodename=gpu[009-011] state=RESUME",
                "scontrol update nodename=n7 state=DOWN reason=replaced");
    }

    @Test
    void hugeSetsAreSplitIntoBatchesNeverOneProcessPerNode() {
        runner.on("scontrol update", 0, "");
        List<NodeId> nodes = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            nodes.add(NodeId.of("c" + i));
        }
        SlurmScheduler.builder().runner(runner).maxNodesPerUpdate(1000).checkNodesExistFirst(false).build()
                .drain(nodes, "rack power");
        assertThat(runner.lines("scontrol update")).containsExactly(
                "scontrol update nodename=c[0-999] state=DRAIN reason=rack power",
                "scontrol update nodename=c[1000-1999] state=DRAIN reason=rack power",
                "scontrol update nodename=c[2000-2499] state=DRAIN reason=rack power");
    }

    @Test
    void longExpressionsAreSplitBelowTheArgumentLimit() {
        runner.on("scontrol update", 0, "");
        List<NodeId> nodes = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            nodes.add(NodeId.of("host-" + "x".repeat(80) + "-" + (char) ('a' + i % 26) + "z" + i + "q"));
        }
        scheduler.drain(nodes, "r");
        List<String> updates = runner.lines("scontrol update");
        assertThat(updates).hasSizeGreaterThan(1).allSatisfy(l -> assertThat(l.length()).isLessThan(40_000));
        List<String> covered = updates.stream()
                .flatMap(l -> Hostlist.expand(l.split(" ")[2].substring("nodename=".length())).stream()).toList();
        assertThat(covered).containsExactlyInAnyOrderElementsOf(nodes.stream().map(NodeId::value).toList());
    }

    @Test
    void nothingToDoRunsNothing() {
        scheduler.drain(List.of(), "r");
        scheduler.resume(List.of());
        scheduler.markDown(List.of(), "r");
        assertThat(runner.lines()).isEmpty();
    }

    @Test
    void badInputIsRefusedBeforeAnyCommand() {
        assertThatThrownBy(() -> scheduler.drain(ids("n1", "ALL"), "r")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> scheduler.resume(ids("all"))).isInstanceOf(IllegalArgumentException.class);
        for (String reason : List.of("", "  ", "a\nb", "say \"hi\"", "x".repeat(513), "tab\there")) {
            assertThatThrownBy(() -> scheduler.drain(ids("n1"), reason)).as(reason).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> scheduler.markDown(ids("n1"), reason)).as(reason).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> scheduler.updateAddress(NodeId.of("n1"), "10.0.0.1 nodename=ALL", "h")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> scheduler.updateAddress(NodeId.of("n1"), "10.0.0.1", "h,x")).isInstanceOf(IllegalArgumentException.class);
        assertThat(runner.lines()).isEmpty();
    }

    @Test
    void byDefaultAWriteChecksTheNodesExistAndRefusesUnknownOnesBeforeAnythingChanges() {
        runner.on("sinfo --json", IDLE).on("scontrol update", 0, "");
        SlurmScheduler checking = SlurmScheduler.builder().runner(runner).build();
        assertThatThrownBy(() -> checking.drain(ids("n1", "nosuch"), "partial"))
                .isInstanceOf(UnknownNodesException.class).isInstanceOf(NotFoundException.class)
                .asInstanceOf(type(UnknownNodesException.class)).satisfies(e -> {
                    assertThat(e.report().unknown()).containsExactly(NodeId.of("nosuch"));
                    assertThat(e.report().notInRequestedState()).containsExactly(NodeId.of("n1"));
                    assertThat(e.report().inRequestedState()).isEmpty();
                    assertThat(e.retryable()).isFalse();
                });
        assertThat(runner.lines("scontrol update")).isEmpty();

        checking.drain(ids("n2", "n1"), "known");
        assertThat(runner.lines()).containsExactly("sinfo -V", "sinfo --json", "sinfo --json",
                "scontrol update nodename=n[1-2] state=DRAIN reason=known");
    }

    @Test
    void theCheckBeforeAWriteNeedsTheController() {
        runner.on("sinfo --json", Fixture.load("slurm-22.05/sinfo-json-ctld-down.txt"));
        SlurmScheduler checking = SlurmScheduler.builder().runner(runner).build();
        assertThatThrownBy(() -> checking.resume(ids("n1"))).isInstanceOf(BackendUnavailableException.class);
        assertThat(runner.lines("scontrol update")).isEmpty();
    }

    @Test
    void aNodeListCutShortByTheRunnersOutputLimitIsNeverTakenForTheCluster() {
        String cut = IDLE.output().substring(0, IDLE.output().indexOf("\"n2\""));
        runner.on("sinfo --json", c -> new CommandResult(c, 0, cut + "…[truncated 90000 bytes]", "", true, false,
                Duration.ofMillis(5)));
        assertThatThrownBy(scheduler::nodes).isInstanceOf(UnexpectedOutputException.class)
                .hasMessageContaining("output limit");
        ScriptedRunner text = new ScriptedRunner().on("sinfo -V", 0, "slurm 20.11.9\n")
                .on("scontrol show node -o", c -> new CommandResult(c, 0, "NodeName=n1 State=IDLE\n…[truncated 5 bytes]",
                        "", true, false, Duration.ofMillis(5)));
        assertThatThrownBy(() -> SlurmScheduler.builder().runner(text).build().nodes())
                .isInstanceOf(UnexpectedOutputException.class).hasMessageContaining("output limit");
    }

    @Test
    void anUnknownNameIsReportedWithWhatSlurmAppliedAnyway() {
        // real 22.05: n1 was drained before Slurm reached "nosuch" and exited 1
        String drainedN1 = IDLE.output().replaceFirst("\"state_flags\": \\[\\s*\\]", "\"state_flags\": [\"DRAIN\"]");
        runner.on("scontrol update", Fixture.load("slurm-22.05/scontrol-update-partly-unknown.txt"))
                .on("sinfo --json", 0, drainedN1);
        assertThatThrownBy(() -> scheduler.drain(ids("n1", "nosuch"), "partial"))
                .isInstanceOf(UnknownNodesException.class).isInstanceOf(NotFoundException.class)
                .asInstanceOf(type(UnknownNodesException.class)).satisfies(e -> {
                    assertThat(e.report().unknown()).containsExactly(NodeId.of("nosuch"));
                    assertThat(e.report().inRequestedState()).containsExactly(NodeId.of("n1"));
                    assertThat(e.report().notInRequestedState()).isEmpty();
                    assertThat(e.report().slurmErrors()).singleElement().asString().contains("Invalid node name specified");
                    assertThat(e.retryable()).isFalse();
                });
        assertThat(runner.lines("scontrol update")).hasSize(1);
    }

    @Test
    void resumeOfNodesAlreadyInServiceSucceeds() {
        runner.on("scontrol update", Fixture.load("slurm-22.05/scontrol-update-invalid-transition.txt"))
                .on("sinfo --json", IDLE);
        scheduler.resume(ids("n1", "n2"));
        assertThat(runner.lines()).containsExactly("scontrol update nodename=n[1-2] state=RESUME",
                "sinfo -V", "sinfo --json");
    }

    @Test
    void aPartlyRefusedTransitionNamesTheNodesLeftBehind() {
        String n2StillDown = Fixture.load("slurm-22.05/sinfo-json-one-down.txt").output();
        runner.on("scontrol update", Fixture.load("slurm-22.05/scontrol-update-partly-invalid-transition.txt"))
                .on("sinfo --json", 0, n2StillDown);
        assertThatThrownBy(() -> scheduler.resume(ids("n1", "n3")))
                .isInstanceOf(PartialNodeUpdateException.class)
                .asInstanceOf(type(PartialNodeUpdateException.class)).satisfies(e -> {
                    assertThat(e.code()).isEqualTo("Invalid node state specified");
                    assertThat(e.report().inRequestedState()).containsExactly(NodeId.of("n1"));
                    assertThat(e.report().notInRequestedState()).containsExactly(NodeId.of("n3"));
                    assertThat(e.getMessage()).contains("n3");
                });
    }

    @Test
    void anUnreachableControllerOrARefusalIsReportedWithoutReadingBack() {
        runner.on("scontrol update", Fixture.load("slurm-22.05/scontrol-update-ctld-down.txt"));
        assertThatThrownBy(() -> scheduler.drain(ids("n1"), "r")).isInstanceOf(BackendUnavailableException.class);
        ScriptedRunner denied = new ScriptedRunner().on("sinfo -V", 0, "slurm-wlm 22.05.8\n")
                .on("scontrol update", 1, "slurm_update error: Invalid user id");
        assertThatThrownBy(() -> SlurmScheduler.builder().runner(denied).checkNodesExistFirst(false).build().drain(ids("n1"), "r"))
                .isInstanceOf(OperationRefusedException.class).hasMessageContaining("Invalid user id");
        assertThat(runner.lines("sinfo --json")).isEmpty();
        assertThat(denied.lines("sinfo --json")).isEmpty();
    }

    @Test
    void readBackFailureAfterAnErrorSaysSo() {
        runner.on("scontrol update", Fixture.load("slurm-22.05/scontrol-update-invalid-transition.txt"))
                .on("sinfo --json", Fixture.load("slurm-22.05/sinfo-json-ctld-down.txt"));
        assertThatThrownBy(() -> scheduler.resume(ids("n1"))).isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("could not be read back");
    }

    @Test
    void markDownRefusesOnReturnToService2UnlessAllowed() {
        String rts2 = CONFIG.output().replaceFirst("ReturnToService\\s*= 1", "ReturnToService         = 2");
        runner.on("scontrol show config", 0, rts2).on("scontrol update", 0, "");
        assertThatThrownBy(() -> scheduler.markDown(ids("n1"), "dead"))
                .isInstanceOf(OperationRefusedException.class)
                .satisfies(e -> assertThat(((OperationRefusedException) e).code()).isEqualTo("ReturnToService=2"));
        assertThat(runner.lines("scontrol update")).isEmpty();

        SlurmScheduler.builder().runner(runner).markDownDespiteReturnToService2(true).checkNodesExistFirst(false).build()
                .markDown(ids("n1"), "dead");
        assertThat(runner.lines("scontrol update")).containsExactly("scontrol update nodename=n1 state=DOWN reason=dead");
    }

    @Test
    void controllersFromPing() {
        runner.on("scontrol ping", Fixture.load("slurm-22.05/scontrol-ping-down.txt"));
        assertThat(scheduler.controllers()).extracting(ControllerStatus::responding).containsExactly(false);
        runner.on("scontrol ping", 1, "scontrol: fatal: Unable to process configuration file");
        assertThatThrownBy(scheduler::controllers).isInstanceOf(io.hpcha.ConfigurationException.class);
    }

    @Test
    void takeoverNeedsABackupController() {
        runner.on("scontrol ping", Fixture.load("slurm-22.05/scontrol-ping-up.txt"));
        assertThatThrownBy(scheduler::takeover).isInstanceOf(OperationRefusedException.class)
                .hasMessageContaining("only vm");
        assertThat(runner.lines("scontrol takeover")).isEmpty();

        ScriptedRunner two = new ScriptedRunner()
                .on("scontrol ping", 0, "Slurmctld(primary) at c0 is UP\nSlurmctld(backup) at c1 is UP\n")
                .on("scontrol takeover", 0, "");
        SlurmScheduler.builder().runner(two).build().takeover();
        assertThat(two.lines()).containsExactly("scontrol ping", "scontrol takeover");
    }

    @Test
    void updateAddressForAReplacedInstance() {
        runner.on("scontrol update", 0, "");
        scheduler.updateAddress(NodeId.of("n1"), "10.0.3.17", "ip-10-0-3-17");
        assertThat(runner.lines()).containsExactly("scontrol update nodename=n1 nodeaddr=10.0.3.17 nodehostname=ip-10-0-3-17");
        runner.on("scontrol update", Fixture.load("slurm-22.05/scontrol-update-bad-node.txt"));
        assertThatThrownBy(() -> scheduler.updateAddress(NodeId.of("nosuch"), "10.0.3.18", "h"))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void binDirAndSlurmConfAreUsed() {
        ScriptedRunner r = new ScriptedRunner().on("/opt/slurm/bin/sinfo -V", 0, "slurm 22.05.11\n")
                .on("/opt/slurm/bin/sinfo --json", IDLE);
        SlurmScheduler.builder().runner(r).binDir(Path.of("/opt/slurm/bin")).slurmConf(Path.of("/etc/hpc/slurm.conf"))
                .commandTimeout(Duration.ofSeconds(200)).build().nodes();
        assertThat(r.commands()).allSatisfy(c -> assertThat(c.environment()).containsEntry("SLURM_CONF", "/etc/hpc/slurm.conf"));
        assertThat(r.commands().get(1).timeout()).isEqualTo(Duration.ofSeconds(200));
        assertThat(r.commands().get(0).timeout()).as("sinfo -V only reads files").isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aGivenVersionSkipsDetection() {
        runner.on("scontrol show nodes --json", Fixture.load("slurm-24.05/scontrol-show-nodes-json.json"));
        SlurmScheduler s = SlurmScheduler.builder().runner(runner).version(new SlurmVersion(24, 5, 4)).build();
        assertThat(s.nodes()).extracting(n -> n.name().value()).contains("c001", "c007");
        assertThat(runner.lines("sinfo -V")).isEmpty();
        assertThat(Set.copyOf(runner.lines())).containsExactly("scontrol show nodes --json");
    }
}
