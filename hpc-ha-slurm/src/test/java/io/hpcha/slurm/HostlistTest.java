package io.hpcha.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Hostlist against answers recorded from Slurm 22.05.8's own scontrol (fixtures/slurm-22.05/hostlist-*.tsv). */
class HostlistTest {
    private static final Pattern HUGE_NUMBER = Pattern.compile(".*\\d{19,}.*");

    record ExpandCase(String expression, String count, String firstNames) {
        @Override
        public String toString() {
            return expression;
        }
    }

    record CompressCase(String names, String expression) {
        @Override
        public String toString() {
            return names;
        }
    }

    static Stream<ExpandCase> expandCases() {
        return rows("slurm-22.05/hostlist-expand.tsv").map(c -> new ExpandCase(c[0], c[1], c.length > 2 ? c[2] : ""));
    }

    static Stream<CompressCase> compressCases() {
        return rows("slurm-22.05/hostlist-compress.tsv").map(c -> new CompressCase(c[0], c[1]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expandCases")
    void expandsLikeSlurm(ExpandCase c) {
        if (HUGE_NUMBER.matcher(c.expression()).matches()) {
            // deliberate limit: Slurm clamps such numbers (or crashes on ranges of them)
            assertThatThrownBy(() -> Hostlist.expand(c.expression())).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("18 significant digits");
            return;
        }
        if (c.firstNames().equals("INVALID")) {
            assertThatThrownBy(() -> Hostlist.expand(c.expression())).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("Invalid hostlist: " + c.expression());
            return;
        }
        List<String> names = Hostlist.expand(c.expression());
        assertThat(names).hasSize(Integer.parseInt(c.count()));
        List<String> first = c.firstNames().isEmpty() ? List.of() : Arrays.asList(c.firstNames().split(" "));
        assertThat(names.subList(0, first.size())).containsExactlyElementsOf(first);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("compressCases")
    void compressesLikeSlurm(CompressCase c) {
        assertThat(Hostlist.compress(Arrays.asList(c.names().split(",")))).isEqualTo(c.expression());
    }

    @Test
    void capturedScontrolOutputsRoundTrip() {
        Fixture hostnames = Fixture.load("slurm-22.05/scontrol-show-hostnames.txt");
        String expression = hostnames.command().substring("scontrol show hostnames ".length());
        assertThat(Hostlist.expand(expression)).containsExactlyElementsOf(Arrays.asList(hostnames.output().split("\n")));

        Fixture hostlist = Fixture.load("slurm-22.05/scontrol-show-hostlist.txt");
        String names = hostlist.command().substring("scontrol show hostlist ".length());
        assertThat(Hostlist.compress(Arrays.asList(names.split(",")))).isEqualTo(hostlist.output().trim());

        Fixture invalid = Fixture.load("slurm-22.05/scontrol-show-hostnames-invalid.txt");
        assertThat(invalid.output()).startsWith("Invalid hostlist").as("Slurm exits 0 here");
        assertThat(invalid.exitCode()).isZero();
        assertThatThrownBy(() -> Hostlist.expand("a-b[1-2]c")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void compressThenExpandGivesTheNamesBack() {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= 120; i++) {
            names.add(String.format("gpu%03d", i));
            names.add("n" + i);
        }
        names.add("login");
        names.add("rack1-n09");
        assertThat(Hostlist.expand(Hostlist.compress(names))).containsExactlyElementsOf(names);
    }

    @Test
    void emptyInputs() {
        assertThat(Hostlist.expand("")).isEmpty();
        assertThat(Hostlist.expand(" ,, \t")).isEmpty();
        assertThat(Hostlist.compress(List.of())).isEmpty();
    }

    @Test
    void compressRefusesWhatIsNotAPlainName() {
        for (String bad : List.of("n[1-2]", "a,b", "", " n1", "-n1", "n 1")) {
            assertThatThrownBy(() -> Hostlist.compress(List.of(bad))).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void refusesExpressionsThatWouldExhaustMemory() {
        assertThatThrownBy(() -> Hostlist.expand("a[0-65535]b[0-65535]"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than " + Hostlist.MAX_EXPANDED);
    }

    private static Stream<String[]> rows(String path) {
        return Fixture.read("/fixtures/" + path).lines()
                .filter(l -> !l.startsWith("#") && !l.isEmpty())
                .map(l -> l.split("\t", -1));
    }
}
