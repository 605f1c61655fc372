package io.hpcha.linux;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hpcha.spi.Command;
import io.hpcha.spi.CommandResult;
import io.hpcha.spi.CommandRunner;
import io.hpcha.spi.LocalCommandRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;

/**
 * One private testbed built by {@code scripts/netns-testbed.sh} under a random prefix, so that
 * parallel runs never share a namespace: ctl1, ctl2 and client on one bridge, 10.213.0.0/24.
 * {@link #require()} skips the calling test without root, iproute2, arping, ping or nsenter, and
 * fails instead when {@code HPCHA_REQUIRE_REAL_BACKENDS=true}.
 */
final class NetnsTestbed implements AutoCloseable {
    static final String FLOATING = "10.213.0.100";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    final String prefix;
    private final Path script;
    private final CommandRunner local = LocalCommandRunner.create();

    private NetnsTestbed(Path script) {
        this.script = script;
        this.prefix = "hpcha-it-" + Long.toHexString(ThreadLocalRandom.current().nextLong(1L << 24, 1L << 28));
    }

    /** Builds a fresh testbed, or skips (fails in CI) when this machine cannot. */
    static NetnsTestbed require() {
        Path script = findScript();
        String missing = null;
        if (script == null) {
            missing = "scripts/netns-testbed.sh not found above " + Path.of("").toAbsolutePath();
        } else if (!"root".equals(System.getProperty("user.name"))) {
            missing = "network namespaces need root";
        } else {
            for (String program : List.of("ip", "arping", "ping", "nsenter", "unshare")) {
                if (onPath(program).isEmpty()) {
                    missing = program + " is not installed (Debian packages iproute2, iputils-arping, iputils-ping, util-linux)";
                }
            }
        }
        if (missing != null) {
            if ("true".equalsIgnoreCase(System.getenv("HPCHA_REQUIRE_REAL_BACKENDS"))) {
                fail("HPCHA_REQUIRE_REAL_BACKENDS=true but " + missing);
            }
            Assumptions.abort(missing);
        }
        NetnsTestbed testbed = new NetnsTestbed(script);
        testbed.script("up");
        return testbed;
    }

    /** The namespace of {@code node}. */
    String ns(String node) {
        return prefix + "-" + node;
    }

    /** A runner for commands inside {@code node}'s namespace. */
    NetnsCommandRunner runner(String node) {
        return NetnsCommandRunner.of(ns(node), local);
    }

    /** Runs {@code argv} in {@code node}'s namespace; fails the test unless it exits 0. */
    String exec(String node, String... argv) {
        CommandResult r = execResult(node, argv);
        if (!r.succeeded()) {
            fail("in " + node + ": `" + r.command().display() + "` exited " + r.exitCode() + ": " + r.combinedOutput());
        }
        return r.stdout();
    }

    CommandResult execResult(String node, String... argv) {
        return runner(node).run(Command.of(TIMEOUT, argv));
    }

    /** The interfaces of {@code node} that carry {@code address}, read straight from {@code ip -json addr}. */
    List<String> interfacesWith(String node, String address) {
        List<String> found = new ArrayList<>();
        for (JsonNode link : json(exec(node, "ip", "-json", "addr", "show"))) {
            for (JsonNode a : link.get("addr_info")) {
                if ("inet".equals(a.path("family").asText()) && address.equals(a.path("local").asText())) {
                    found.add(link.get("ifname").asText());
                }
            }
        }
        return found;
    }

    /** The hardware address of {@code node}'s eth0. */
    String mac(String node) {
        return json(exec(node, "ip", "-json", "link", "show", "dev", "eth0")).get(0).get("address").asText()
                .toLowerCase(Locale.ROOT);
    }

    /** The hardware address {@code node}'s neighbour table has for {@code address}, if any. */
    Optional<String> neighbour(String node, String address) {
        for (JsonNode n : json(exec(node, "ip", "-json", "neigh", "show", "to", address, "dev", "eth0"))) {
            if (n.hasNonNull("lladdr")) {
                return Optional.of(n.get("lladdr").asText().toLowerCase(Locale.ROOT));
            }
        }
        return Optional.empty();
    }

    /** Whether {@code ping -c1 -W1 address} from {@code node} gets an answer. */
    boolean pings(String node, String address) {
        return execResult(node, "ping", "-c1", "-W1", "-n", address).succeeded();
    }

    /** Removes {@code address} from every node that has it, directly with ip. */
    void clear(String address) {
        for (String node : List.of("ctl1", "ctl2", "client")) {
            for (JsonNode link : json(exec(node, "ip", "-json", "addr", "show"))) {
                for (JsonNode a : link.get("addr_info")) {
                    if ("inet".equals(a.path("family").asText()) && address.equals(a.path("local").asText())) {
                        exec(node, "ip", "addr", "del", address + "/" + a.get("prefixlen").asInt(),
                                "dev", link.get("ifname").asText());
                    }
                }
            }
        }
    }

    /** The namespaces with this testbed's prefix that exist now. */
    List<String> namespaces() {
        CommandResult r = local.run(Command.of(TIMEOUT, "ip", "netns", "list"));
        return r.stdout().lines().map(l -> l.split(" ")[0]).filter(n -> n.startsWith(prefix + "-")).toList();
    }

    /** What the testbed left on the host: namespaces, /etc/netns entries, UTS namespace files. */
    List<String> leftovers() {
        List<String> left = new ArrayList<>(namespaces());
        for (Path p : List.of(Path.of("/run/hpcha-testbed", prefix), Path.of("/etc/netns", ns("ctl1")),
                Path.of("/etc/netns", ns("ctl2")), Path.of("/etc/netns", ns("client")))) {
            if (Files.exists(p)) {
                left.add(p.toString());
            }
        }
        return left;
    }

    String script(String... args) {
        List<String> argv = new ArrayList<>(List.of(script.toString(), "--prefix", prefix));
        argv.addAll(Arrays.asList(args));
        CommandResult r = local.run(Command.of(TIMEOUT, argv));
        if (!r.succeeded() && !(args[0].equals("status") && r.exitCode() != 2)) {
            fail("`" + r.command().display() + "` exited " + r.exitCode() + ": " + r.combinedOutput());
        }
        return r.stdout();
    }

    @Override
    public void close() {
        script("down");
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path findScript() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("scripts/netns-testbed.sh");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static Optional<Path> onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").split(":")) {
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
