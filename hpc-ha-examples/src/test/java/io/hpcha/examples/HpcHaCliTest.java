package io.hpcha.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HpcHaCliTest {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = HpcHa.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void withoutACommandItPrintsUsage() {
        Run r = run();
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("recovery-agent", "controller-failover");
    }

    @Test
    void aBadConfigurationExitsWithCode2AndNamesTheKey() throws IOException {
        Path file = dir.resolve("agent.yaml");
        Files.writeString(file, "agent:\n  interval: soon\n  pairs: [{primary: a, standby: b}]\n");

        Run r = run("recovery-agent", "--config", file.toString());

        assertThat(r.exit()).isEqualTo(HpcHa.CONFIG_ERROR);
        assertThat(r.err()).contains("hpc-ha: configuration error: agent.interval: expected a duration such as 30s or PT30S, found 'soon'");
    }

    @Test
    void anUnknownProviderExitsWithCode2AndListsWhatIsAvailable() throws IOException {
        Path file = dir.resolve("agent.yaml");
        Files.writeString(file, "agent:\n  pairs: [{primary: a, standby: b}]\nfleet: {provider: no-such-cloud}\nscheduler: {provider: slurm}\n");

        Run r = run("recovery-agent", "--config", file.toString(), "--once");

        assertThat(r.exit()).isEqualTo(HpcHa.CONFIG_ERROR);
        assertThat(r.err()).contains("configuration error: fleet (provider 'no-such-cloud'): no ComputeFleet provider named 'no-such-cloud'");
    }

    @Test
    void aMissingBackendSectionExitsWithCode2() throws IOException {
        Path file = dir.resolve("agent.yaml");
        Files.writeString(file, "agent:\n  pairs: [{primary: a, standby: b}]\n");

        Run r = run("recovery-agent", "--config", file.toString());

        assertThat(r.exit()).isEqualTo(HpcHa.CONFIG_ERROR);
        assertThat(r.err()).contains("fleet: missing; expected a section with 'provider' naming a ComputeFleet provider");
    }

    @Test
    void aMissingConfigOptionIsAUsageError() {
        Run r = run("controller-failover");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("Missing required option: '--config=FILE'");
    }
}
