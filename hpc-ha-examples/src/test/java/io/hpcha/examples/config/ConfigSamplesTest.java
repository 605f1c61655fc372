package io.hpcha.examples.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.hpcha.ComputeFleet;
import io.hpcha.ConfigurationException;
import io.hpcha.FloatingAddress;
import io.hpcha.Lease;
import io.hpcha.ReplicatedVolume;
import io.hpcha.Scheduler;
import io.hpcha.examples.failover.ControllerFailoverSettings;
import io.hpcha.examples.recovery.RecoveryAgentSettings;
import io.hpcha.spi.CommandRunner;
import io.hpcha.spi.Provider;
import io.hpcha.spi.Sleeper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The documented samples in {@code config/} and the code agree: each sample loads through the real
 * parser and the real providers; every key in a sample is read (replacing its value with nonsense is an
 * error naming that key); and every key the daemons read is documented in their sample, as a key or in a
 * comment (the alternatives, such as the AWS variants).
 */
class ConfigSamplesTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** A value no getter accepts: a section where text, a number, a list or a duration is expected. */
    private static final Map<String, Object> POISON = Map.of("poison", List.of());
    /** Every provider name the design defines, as "section (name)" endings of the report below. */
    private static final List<String> DESIGNED = Stream.of("slurm", "ec2", "aws-overlay-ip", "aws-secondary-ip", "linux-ip", "drbd",
            "beegfs-mirror-group", "dynamodb").map(n -> " (" + n + ")").toList();
    /** Building a backend must not run anything. */
    private static final CommandRunner NO_COMMANDS = c -> {
        throw new AssertionError("a command ran while building a backend: " + c.display());
    };

    private record Sample(String file, Consumer<ConfigDocument> parse, Map<String, Set<String>> schema, Map<String, Class<?>> backends) {
        Path path() {
            return Path.of("..", "config", file);
        }
    }

    private static final Sample RECOVERY = new Sample("recovery-agent.yaml", RecoveryAgentSettings::parse, RecoveryAgentSettings.SCHEMA,
            Map.of("fleet", ComputeFleet.class, "scheduler", Scheduler.class));
    private static final Sample FAILOVER = new Sample("controller-failover.yaml", ControllerFailoverSettings::parse,
            ControllerFailoverSettings.SCHEMA, Map.of("lease", Lease.class, "volume", ReplicatedVolume.class,
                    "address", FloatingAddress.class, "scheduler", Scheduler.class, "fleet", ComputeFleet.class));

    private static Map<String, Object> tree(Sample s) throws IOException {
        return YAML.readValue(s.path().toFile(), new TypeReference<LinkedHashMap<String, Object>>() { });
    }

    private static ConfigDocument document(Map<String, Object> tree) throws IOException {
        return YamlConfig.parse("sample.yaml", YAML.writeValueAsString(tree));
    }

    private static boolean registered(Class<?> type, String name) {
        return ServiceLoader.load(Provider.class).stream().map(ServiceLoader.Provider::get)
                .anyMatch(p -> p.type().equals(type) && p.name().equals(name));
    }

    private static Backends backends() {
        return new Backends(NO_COMMANDS, Clock.systemUTC(), Sleeper.system());
    }

    @Test
    void bothSamplesLoadThroughTheRealParserAndEveryRegisteredProvider() throws IOException {
        List<String> missing = new ArrayList<>();
        for (Sample s : List.of(RECOVERY, FAILOVER)) {
            ConfigDocument doc = YamlConfig.load(s.path());
            s.parse().accept(doc);
            for (var backend : s.backends().entrySet()) {
                if (!doc.has(backend.getKey())) {
                    continue;
                }
                String provider = doc.backend(backend.getKey(), "").provider();
                if (registered(backend.getValue(), provider)) {
                    assertThat(backends().create(doc, backend.getKey(), backend.getValue())).isNotNull();
                } else {
                    missing.add(s.file() + ": " + backend.getKey() + " (" + provider + ")");
                }
            }
        }
        // a backend still on its way is skipped here (CI builds them all); a provider name nobody defines is an error
        assertThat(missing).as("providers named in the samples but not registered").allMatch(m -> DESIGNED.stream().anyMatch(m::endsWith));
        Assumptions.assumeTrue(missing.isEmpty(), "not on the class path yet: " + missing);
    }

    /** The setup of the end-to-end failover test: two controllers in network namespaces, DynamoDB Local, a real Slurm. */
    static final String END_TO_END = """
            node: ctl-a
            lease:
              provider: dynamodb
              region: us-east-1
              endpoint: http://127.0.0.1:8000
              table: hpc-ha-leases
              name: slurm-controller
              duration: 6s
              clockSkew: 1s
              apiCallTimeout: 2s
              apiCallAttemptTimeout: 1s
            address:
              provider: linux-ip
              address: 10.213.0.100
              prefixLength: 24
              interface: eth0
              localNode: ctl-a
              nodes:
                ctl-a: {netns: hpcha-ctl-a}
                ctl-b: {netns: hpcha-ctl-b}
            scheduler:
              provider: slurm
              slurmConf: /tmp/hpcha-e2e/slurm.conf
              commandTimeout: 10s
            fence: {method: none}
            services:
              - name: slurmctld
                start: [ip, netns, exec, hpcha-ctl-a, /tmp/hpcha-e2e/slurmctld-start, ctl-a]
                stop: [ip, netns, exec, hpcha-ctl-a, /tmp/hpcha-e2e/slurmctld-stop, ctl-a]
                status: [ip, netns, exec, hpcha-ctl-a, /tmp/hpcha-e2e/slurmctld-running, ctl-a]
            commandTimeout: 20s
            onShutdown: stop-group
            plan: {maxAttempts: 3, attemptTimeout: 30s, backoff: 500ms, maxBackoff: 2s, retryAfter: 5s}
            election: {tickEvery: 1s, safetyMargin: 2s}
            metrics: {enabled: false}
            logging: {format: text}
            """;

    @Test
    void theEndToEndControllerSetupIsAcceptedByTheRealParserAndProviders() {
        ConfigDocument doc = YamlConfig.parse("e2e.yaml", END_TO_END);
        ControllerFailoverSettings s = ControllerFailoverSettings.parse(doc);
        assertThat(s.fence().method()).isEqualTo("none");
        assertThat(s.mount()).isEmpty();
        assertThat(s.serviceCommands().get("slurmctld").status()).endsWith("/tmp/hpcha-e2e/slurmctld-running", "ctl-a");
        List<String> missing = new ArrayList<>();
        for (var backend : Map.of("lease", Lease.class, "address", FloatingAddress.class, "scheduler", Scheduler.class).entrySet()) {
            String provider = doc.backend(backend.getKey(), "").provider();
            if (registered(backend.getValue(), provider)) {
                assertThat(backends().create(doc, backend.getKey(), backend.getValue())).isNotNull();
            } else {
                missing.add(provider);
            }
        }
        Assumptions.assumeTrue(missing.isEmpty(), "not on the class path yet: " + missing);
    }

    @TestFactory
    Stream<DynamicTest> everyKeyInTheSamplesIsRead() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Sample s : List.of(RECOVERY, FAILOVER)) {
            Map<String, Object> tree = tree(s);
            List<List<Object>> leaves = new ArrayList<>();
            leaves(List.of(), tree, leaves);
            for (List<Object> leaf : leaves) {
                String path = dotted(leaf);
                tests.add(dynamicTest(s.file() + ": " + path, () -> {
                    Map<String, Object> poisoned = tree(s);
                    replace(poisoned, leaf);
                    ConfigDocument doc = document(poisoned);
                    String section = (String) leaf.get(0);
                    Class<?> type = s.backends().get(section);
                    if (leaf.size() == 2 && leaf.get(1).equals(Backends.PROVIDER)) {
                        assertThatThrownBy(() -> doc.backend(section, type.getSimpleName())).isInstanceOf(ConfigurationException.class)
                                .hasMessage(path + ": expected the name of a " + type.getSimpleName() + " provider, found a section");
                    } else if (type == null) {
                        assertThatThrownBy(() -> s.parse().accept(doc)).as(path + " is read by the daemon")
                                .isInstanceOf(ConfigurationException.class).message().startsWith(path + ":");
                    } else {
                        String provider = doc.backend(section, "").provider();
                        Assumptions.assumeTrue(registered(type, provider), "provider " + provider + " is not on the class path yet");
                        assertThatThrownBy(() -> backends().create(doc, section, type)).as(path + " is read by provider " + provider)
                                .isInstanceOf(ConfigurationException.class).message().contains(String.valueOf(leaf.get(leaf.size() - 1)));
                    }
                }));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> everyKeyTheDaemonsReadIsDocumentedInTheirSample() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Sample s : List.of(RECOVERY, FAILOVER)) {
            String text = Files.readString(s.path());
            Map<String, Object> tree = tree(s);
            s.schema().forEach((section, keys) -> {
                for (String key : keys) {
                    String name = section.isEmpty() ? key : section + "." + key;
                    tests.add(dynamicTest(s.file() + ": " + name, () -> assertThat(
                            present(tree, section, key) || Pattern.compile("#.*\\b" + Pattern.quote(key) + ":").matcher(text).find())
                            .as(name + " is documented in " + s.file() + " (as a key, or in a comment)").isTrue()));
                }
            });
        }
        return tests.stream();
    }

    /** Whether {@code key} is set in the section at {@code section} (with {@code []} for any list item, {@code *} for any map entry). */
    private static boolean present(Object node, String section, String key) {
        if (section.isEmpty()) {
            return node instanceof Map<?, ?> m && m.containsKey(key);
        }
        int dot = section.indexOf('.');
        String head = dot < 0 ? section : section.substring(0, dot);
        String rest = dot < 0 ? "" : section.substring(dot + 1);
        if (!(node instanceof Map<?, ?> m)) {
            return false;
        }
        if (head.equals("*")) {
            return m.values().stream().anyMatch(v -> present(v, rest, key));
        }
        if (head.endsWith("[]")) {
            Object list = m.get(head.substring(0, head.length() - 2));
            return list instanceof List<?> l && l.stream().anyMatch(v -> present(v, rest, key));
        }
        return present(m.get(head), rest, key);
    }

    /** Paths to every leaf: scalars, and lists of scalars as a whole; list items as indexes. */
    private static void leaves(List<Object> path, Object node, List<List<Object>> out) {
        if (node instanceof Map<?, ?> m) {
            m.forEach((k, v) -> leaves(append(path, k.toString()), v, out));
        } else if (node instanceof List<?> l && l.stream().anyMatch(v -> v instanceof Map)) {
            for (int i = 0; i < l.size(); i++) {
                leaves(append(path, i), l.get(i), out);
            }
        } else {
            out.add(path);
        }
    }

    private static List<Object> append(List<Object> path, Object key) {
        List<Object> p = new ArrayList<>(path);
        p.add(key);
        return p;
    }

    private static String dotted(List<Object> path) {
        StringBuilder b = new StringBuilder();
        for (Object p : path) {
            if (p instanceof Integer i) {
                b.append('[').append(i).append(']');
            } else {
                b.append(b.length() == 0 ? "" : ".").append(p);
            }
        }
        return b.toString();
    }

    @SuppressWarnings("unchecked")
    private static void replace(Object root, List<Object> path) {
        Object node = root;
        for (int i = 0; i < path.size() - 1; i++) {
            Object p = path.get(i);
            node = p instanceof Integer idx ? ((List<Object>) node).get(idx) : ((Map<String, Object>) node).get(p);
        }
        Object last = path.get(path.size() - 1);
        if (last instanceof Integer idx) {
            ((List<Object>) node).set(idx, POISON);
        } else {
            ((Map<String, Object>) node).put((String) last, POISON);
        }
    }
}
