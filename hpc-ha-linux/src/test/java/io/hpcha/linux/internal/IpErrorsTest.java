package io.hpcha.linux.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.hpcha.BackendUnavailableException;
import io.hpcha.HaException;
import io.hpcha.NotFoundException;
import io.hpcha.OperationRefusedException;
import io.hpcha.UnexpectedOutputException;
import io.hpcha.linux.Fixtures;
import io.hpcha.spi.Command;
import io.hpcha.spi.CommandResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpErrorsTest {
    private static final Command ADD = Command.of(Duration.ofSeconds(10), "ip", "addr", "add", "10.213.0.100/24", "dev", "eth9");

    private static CommandResult failed(int exit, String stderr) {
        return CommandResult.of(ADD, exit, "", stderr);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "add-no-device,         2, NotFoundException,",
            "show-no-device,        1, NotFoundException,",
            "arping-no-device,      2, NotFoundException,",
            "netns-missing,         1, NotFoundException,",
            "add-not-permitted,     2, OperationRefusedException, EPERM",
            "del-not-permitted,     2, OperationRefusedException, EPERM",
            "add-exists,            2, OperationRefusedException, EEXIST",
            "del-not-assigned,      2, OperationRefusedException, EADDRNOTAVAIL",
            "arping-interface-down, 2, OperationRefusedException, ENETDOWN",
    })
    void mapsEachCapturedFailure(String fixture, int exit, String type, String code) {
        HaException e = IpErrors.failure("adding 10.213.0.100/24 on eth9 of ctl1", failed(exit, Fixtures.ipError(fixture)));

        assertThat(e.getClass().getSimpleName()).isEqualTo(type);
        if (code != null) {
            assertThat(((OperationRefusedException) e).code()).isEqualTo(code);
        }
        assertThat(e.getMessage()).startsWith("adding 10.213.0.100/24 on eth9 of ctl1 failed (exit " + exit)
                .contains("ip addr add 10.213.0.100/24 dev eth9").contains(Fixtures.ipError(fixture).strip());
    }

    @Test
    void onlyADownInterfaceIsWorthARetry() {
        assertThat(IpErrors.failure("x", failed(2, Fixtures.ipError("arping-interface-down"))).retryable()).isTrue();
        assertThat(IpErrors.failure("x", failed(2, Fixtures.ipError("add-not-permitted"))).retryable()).isFalse();
        assertThat(IpErrors.failure("x", failed(2, "RTNETLINK answers: No buffer space available")))
                .isInstanceOf(BackendUnavailableException.class);
    }

    @Test
    void unknownOutputIsUnexpectedWithTheOutput() {
        HaException e = IpErrors.failure("adding", failed(255, "Segmentation fault"));
        assertThat(e).isInstanceOfSatisfying(UnexpectedOutputException.class,
                u -> assertThat(u.excerpt()).isEqualTo("Segmentation fault"));
    }

    @Test
    void bothWordingsOfAlreadyThereAndAlreadyGoneAreKnown() {
        assertThat(IpErrors.alreadyAssigned(failed(2, Fixtures.ipError("add-exists")))).isTrue();
        assertThat(IpErrors.alreadyAssigned(failed(2, "RTNETLINK answers: File exists"))).isTrue();
        assertThat(IpErrors.alreadyAssigned(failed(2, Fixtures.ipError("add-not-permitted")))).isFalse();
        assertThat(IpErrors.notAssigned(failed(2, Fixtures.ipError("del-not-assigned")))).isTrue();
        assertThat(IpErrors.notAssigned(failed(2, "RTNETLINK answers: Cannot assign requested address"))).isTrue();
        assertThat(IpErrors.notAssigned(failed(2, Fixtures.ipError("del-not-permitted")))).isFalse();
    }

    @Test
    void theMissingNamespaceNamesIt() {
        assertThat(IpErrors.failure("listing addresses on ctl1", failed(1, Fixtures.ipError("netns-missing"))))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("hpcha-nosuch");
    }
}
