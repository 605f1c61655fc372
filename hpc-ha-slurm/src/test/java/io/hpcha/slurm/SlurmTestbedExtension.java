package io.hpcha.slurm;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.opentest4j.TestAbortedException;

/**
 * Supplies a started {@link SlurmTestbed} to test and lifecycle methods ({@code @BeforeAll static void
 * setUp(SlurmTestbed testbed)}); a parameter annotated {@link Ha} gets the two-controller one. Each
 * kind starts once per test run and stops when the run ends.
 *
 * <p>Without root or without Slurm and munge installed the test class is skipped (checked before
 * any parameter is resolved: a resolver cannot skip, its exceptions are errors), unless
 * {@code HPCHA_REQUIRE_REAL_BACKENDS=true} (as in CI): then it fails.
 */
final class SlurmTestbedExtension implements BeforeAllCallback, ParameterResolver {
    /** Asks for the two-controller testbed. */
    @Target(ElementType.PARAMETER)
    @Retention(RetentionPolicy.RUNTIME)
    @interface Ha {
    }

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SlurmTestbedExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        boolean ha = Arrays.stream(context.getRequiredTestClass().getDeclaredMethods())
                .flatMap(m -> Arrays.stream(m.getParameters())).anyMatch(p -> p.isAnnotationPresent(Ha.class));
        requireEnvironment(ha);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == SlurmTestbed.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        boolean ha = parameter.isAnnotated(Ha.class);
        Path script = requireEnvironment(ha);
        ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
        Running running = store.getOrComputeIfAbsent(ha ? "ha" : "single", k -> Running.start(script, ha), Running.class);
        return running.testbed;
    }

    /** A started testbed that stops when the run's root context closes. */
    static final class Running implements ExtensionContext.Store.CloseableResource {
        final SlurmTestbed testbed;

        private Running(SlurmTestbed testbed) {
            this.testbed = testbed;
        }

        static Running start(Path script, boolean ha) {
            Path conf = Path.of(ha ? "/tmp/hpcha-slurm-testbed-ha" : "/tmp/hpcha-slurm-testbed", "etc", "slurm.conf");
            SlurmTestbed t = new SlurmTestbed(script, ha, conf);
            t.start();
            return new Running(t);
        }

        @Override
        public void close() {
            testbed.stop();
        }
    }

    private static Path requireEnvironment(boolean ha) {
        Path script = findScript();
        String missing = null;
        if (script == null) {
            missing = "scripts/slurm-testbed.sh not found above " + Path.of("").toAbsolutePath();
        } else if (!"root".equals(System.getProperty("user.name"))) {
            missing = "the Slurm testbed needs root (slurmd, munged" + (ha ? ", network namespaces" : "") + ")";
        } else {
            for (String program : new String[]{"slurmctld", "slurmd", "munged", "scontrol", "sinfo", "sbatch"}) {
                if (!onPath(program)) {
                    missing = program + " is not installed (Debian packages slurm-wlm and munge)";
                }
            }
            for (String program : ha ? new String[]{"ip", "unshare"} : new String[0]) {
                if (!onPath(program)) {
                    missing = program + " is not installed (Debian packages iproute2 and util-linux)";
                }
            }
        }
        if (missing != null) {
            if (Boolean.parseBoolean(System.getenv("HPCHA_REQUIRE_REAL_BACKENDS"))) {
                throw new ExtensionConfigurationException("HPCHA_REQUIRE_REAL_BACKENDS=true but " + missing);
            }
            throw new TestAbortedException("skipped: " + missing);
        }
        return script;
    }

    /** Whether {@code program} is on PATH or in the sbin directories a root shell would search. */
    private static boolean onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin:/usr/bin:/bin";
        return Arrays.stream(path.split(":")).filter(d -> !d.isEmpty())
                .anyMatch(d -> Files.isExecutable(Path.of(d, program)));
    }

    private static Path findScript() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("scripts/slurm-testbed.sh");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
