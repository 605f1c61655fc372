package io.hpcha.drbd.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.hpcha.BackendUnavailableException;
import io.hpcha.HaException;
import io.hpcha.NotFoundException;
import io.hpcha.OperationRefusedException;
import io.hpcha.UnexpectedOutputException;
import io.hpcha.spi.Command;
import io.hpcha.spi.CommandResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** DRBD's refusal texts and exit codes map to typed exceptions that keep DRBD's words. */
class DrbdErrorsTest {
    private static final Command PRIMARY = Command.of(Duration.ofSeconds(5), "drbdadm", "primary", "r0");

    private static HaException map(int exit, String stderr) {
        return DrbdErrors.toException(CommandResult.of(PRIMARY, exit, "", stderr), "promote r0");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "11|-7|Refusing to be Primary while peer is not outdated|false",
        "11|-1|Multiple primaries not allowed by config|false",
        "11|-25|No quorum|false",
        "17|-2|Need access to UpToDate data|false",
        "11|-12|Device is held open by someone|true",
        "11|-19|Concurrent state changes detected and aborted|true"})
    void stateChangeRefusals(int exit, String code, String text, boolean retryable) {
        HaException e = map(exit, "r0: State change failed: (" + code + ") " + text + "\n"
                + "Command 'drbdsetup primary r0' terminated with exit code " + exit + "\n");
        assertThat(e).isInstanceOf(OperationRefusedException.class).hasMessageContaining(text).hasMessageContaining("promote r0");
        assertThat(((OperationRefusedException) e).code()).isEqualTo(code);
        assertThat(e.retryable()).isEqualTo(retryable);
    }

    @Test
    void drbd84FormAsAnOperatorCapturedIt() {
        HaException e = map(11, "2: State change failed: (-7) Refusing to be Primary while peer is not outdated\n"
                + "Command 'drbdsetup 2 primary' terminated with exit code 11\n");
        assertThat(((OperationRefusedException) e).code()).isEqualTo("-7");
        assertThat(e.retryable()).isFalse();
    }

    @Test
    void exit17WithoutReadableCodeIsStillARefusal() {
        HaException e = map(17, "");
        assertThat(e).isInstanceOf(OperationRefusedException.class);
        assertThat(((OperationRefusedException) e).code()).isEqualTo("17");
    }

    @Test
    void unknownResources() {
        assertThat(map(10, "r9: Failure: (158) Unknown resource\n")).isInstanceOf(NotFoundException.class);
        assertThat(map(10, "'r9' not defined in your config (for this host).\n")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void otherFailuresKeepTheirCode() {
        HaException e = map(10, "r0: Failure: (102) Local address(port) already in use.\n");
        assertThat(e).isInstanceOf(OperationRefusedException.class);
        assertThat(((OperationRefusedException) e).code()).isEqualTo("102");
    }

    @Test
    void noModuleIsUnavailableAndGibberishIsUnexpected() {
        assertThat(map(20, "Could not connect to 'drbd' generic netlink family\n")).isInstanceOf(BackendUnavailableException.class);
        HaException e = map(3, "something else entirely");
        assertThat(e).isInstanceOf(UnexpectedOutputException.class);
        assertThat(((UnexpectedOutputException) e).excerpt()).contains("something else entirely");
    }
}
