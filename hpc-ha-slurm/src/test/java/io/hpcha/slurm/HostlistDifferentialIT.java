package io.hpcha.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import io.hpcha.spi.CommandResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Hostlist against the real {@code scontrol show hostnames} / {@code scontrol show hostlist} on a
 * generated corpus. scontrol needs a slurm.conf for these (not a running slurmctld); the testbed's
 * is used. Slurm prints {@code Invalid hostlist: …} and exits 0 for what it rejects. Some corpus
 * expressions expand to several hundred thousand names (megabytes of output), so the whole answer
 * is read and checked to be whole.
 */
@ExtendWith(SlurmTestbedExtension.class)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class HostlistDifferentialIT {
    private static final long SEED = 20_26_11_23L;
    private static SlurmTestbed testbed;

    @BeforeAll
    static void setUp(SlurmTestbed t) {
        testbed = t;
    }

    @Test
    void expandMatchesScontrolShowHostnames() {
        List<String> corpus = new HostlistCorpus(SEED).expressions(800);
        List<String> mismatches = new ArrayList<>();
        int invalid = 0;
        for (String expression : corpus) {
            // "--": an expression may start with '-', which scontrol would take for an option
            CommandResult r = testbed.slurm("scontrol", "show", "hostnames", "--", expression);
            assertThat(r.stdoutTruncated()).as("scontrol's whole answer for %s was read", expression).isFalse();
            boolean slurmRejects = r.combinedOutput().contains("Invalid hostlist");
            invalid += slurmRejects ? 1 : 0;
            String ours;
            try {
                ours = String.join("\n", Hostlist.expand(expression));
            } catch (IllegalArgumentException e) {
                ours = "INVALID";
            }
            String slurms = slurmRejects ? "INVALID" : r.stdout().strip();
            if (!ours.equals(slurms)) {
                mismatches.add("'" + expression + "': ours=" + ours.replace('\n', ' ') + " slurm=" + slurms.replace('\n', ' '));
            }
        }
        System.out.printf("hostlist expand: %d expressions, %d rejected by Slurm, %d mismatches%n",
                corpus.size(), invalid, mismatches.size());
        assertThat(invalid).as("the corpus holds invalid expressions too").isBetween(20, 600);
        assertThat(mismatches).isEmpty();
    }

    @Test
    void compressMatchesScontrolShowHostlist() {
        List<List<String>> corpus = new HostlistCorpus(SEED + 1).nameLists(300);
        List<String> mismatches = new ArrayList<>();
        for (List<String> names : corpus) {
            String joined = String.join(",", names);
            CommandResult r = testbed.slurm("scontrol", "show", "hostlist", joined);
            assertThat(r.stdoutTruncated()).isFalse();
            String slurms = r.stdout().strip();
            String ours = Hostlist.compress(names);
            if (!ours.equals(slurms)) {
                mismatches.add(joined + ": ours=" + ours + " slurm=" + slurms);
            }
            assertThat(Hostlist.expand(ours)).as(joined).containsExactlyElementsOf(Arrays.asList(joined.split(",")));
        }
        System.out.printf("hostlist compress: %d lists, %d mismatches%n", corpus.size(), mismatches.size());
        assertThat(mismatches).isEmpty();
    }
}
