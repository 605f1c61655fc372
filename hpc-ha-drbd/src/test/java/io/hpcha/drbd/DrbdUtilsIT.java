package io.hpcha.drbd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hpcha.BackendUnavailableException;
import io.hpcha.ConfigurationException;
import io.hpcha.HaException;
import io.hpcha.Health;
import io.hpcha.NotFoundException;
import io.hpcha.spi.LocalCommandRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DrbdVolume and DrbdProbe running the real drbd-utils through {@link LocalCommandRunner} on a host
 * without the DRBD kernel module (containers, CI): every answer must be typed and honest, never a
 * made-up state. Skipped where drbd-utils is not installed, unless HPCHA_REQUIRE_REAL_BACKENDS=true.
 */
class DrbdUtilsIT {
    @BeforeAll
    static void drbdUtilsInstalled() {
        boolean installed = Stream.of("/usr/sbin", "/sbin", "/usr/bin", "/bin")
                .anyMatch(d -> Files.isExecutable(Path.of(d, "drbdsetup")) && Files.isExecutable(Path.of(d, "drbdadm")));
        if (!installed && "true".equals(System.getenv("HPCHA_REQUIRE_REAL_BACKENDS"))) {
            throw new AssertionError("drbd-utils (drbdsetup, drbdadm) is required but not installed");
        }
        assumeTrue(installed, "drbd-utils is not installed");
        assumeTrue(!Files.exists(Path.of("/proc/drbd")), "the DRBD kernel module is loaded here; these tests are for hosts without it");
    }

    private static DrbdVolume volume(DrbdRelease release) {
        return DrbdVolume.builder().resource("hpcha-it-r0").runner(LocalCommandRunner.create()).release(release).build();
    }

    @Test
    void releaseDetectionWithoutModuleIsUnavailable() {
        assertThatThrownBy(() -> volume(DrbdRelease.AUTO).status()).isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("/proc/drbd");
    }

    @Test
    void drbdsetupWithoutModuleIsUnavailable() {
        assertThatThrownBy(() -> volume(DrbdRelease.DRBD_9).status()).isInstanceOf(BackendUnavailableException.class);
    }

    @Test
    void drbdadmForAResourceNoConfigurationNamesIsNotFoundOrMisconfigured() {
        assertThatThrownBy(() -> volume(DrbdRelease.DRBD_8_4).status())
                .isInstanceOfAny(NotFoundException.class, ConfigurationException.class)
                .satisfies(e -> assertThat(((HaException) e).retryable()).isFalse());
    }

    @Test
    void theProbeReportsUnknownNotUnhealthyWhenDrbdCannotBeAsked() {
        assertThat(DrbdProbe.builder().volume(volume(DrbdRelease.DRBD_9)).build().probe())
                .singleElement().satisfies(r -> assertThat(r.health()).isEqualTo(Health.UNKNOWN));
    }
}
