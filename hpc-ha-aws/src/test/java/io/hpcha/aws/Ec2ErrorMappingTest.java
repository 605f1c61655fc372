package io.hpcha.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hpcha.BackendUnavailableException;
import io.hpcha.NotFoundException;
import io.hpcha.OperationRefusedException;
import io.hpcha.aws.standin.Ec2StandIn;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** How EC2's failures reach callers, through the real SDK: one mapping, one retry layer (the SDK's). */
class Ec2ErrorMappingTest {
    static final String A = "i-0a000000000000001";

    static Ec2StandIn ec2;
    static Ec2Client client;

    @BeforeAll
    static void startStandIn() {
        ec2 = Ec2StandIn.start();
        client = ec2.client();
    }

    @AfterAll
    static void stopStandIn() {
        client.close();
        ec2.close();
    }

    @BeforeEach
    void oneInstance() {
        ec2.reset().instance(A).tag("hpc-ha:cluster", "prod").tag("hpc-ha:node", "n1");
    }

    Ec2ComputeFleet fleet(AwsCallSettings settings) {
        return Ec2ComputeFleet.builder().ec2(client).callSettings(settings).clusterTag("hpc-ha:cluster", "prod")
                .nodeNameTag("hpc-ha:node").build();
    }

    @Test
    void throttlingThenSuccessIsInvisibleToTheCaller() {
        ec2.on("DescribeInstances").times(1).throttle();

        assertThat(fleet(Ec2StandIn.fastRetries(3)).instances()).hasSize(1);
        assertThat(ec2.calls("DescribeInstances")).isEqualTo(2);
    }

    @Test
    void throttlingThatOutlastsTheSdkRetriesIsBackendUnavailableAfterExactlyMaxAttempts() {
        ec2.on("DescribeInstances").throttle();

        assertThatThrownBy(() -> fleet(Ec2StandIn.fastRetries(4)).instances())
                .isInstanceOfSatisfying(BackendUnavailableException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.getMessage()).contains("RequestLimitExceeded").contains("DescribeInstances");
                });
        assertThat(ec2.calls("DescribeInstances")).isEqualTo(4);
    }

    @Test
    void serverErrorsAreBackendUnavailable() {
        ec2.on("StartInstances").error(500, "InternalError", "An internal error has occurred");

        assertThatThrownBy(() -> fleet(Ec2StandIn.fastRetries(2)).start(List.of(A)))
                .isInstanceOf(BackendUnavailableException.class).hasMessageContaining("InternalError");
        assertThat(ec2.calls("StartInstances")).isEqualTo(2);
    }

    @Test
    void unauthorizedOperationIsRefusedNamingTheIamActionAndNotRetried() {
        ec2.on("RebootInstances").error(403, "UnauthorizedOperation", "You are not authorized to perform this operation. "
                + "Encoded authorization failure message: 4M2sQ7Fexample");

        assertThatThrownBy(() -> fleet(Ec2StandIn.fastRetries(3)).reboot(List.of(A)))
                .isInstanceOfSatisfying(OperationRefusedException.class, e -> {
                    assertThat(e.code()).isEqualTo("UnauthorizedOperation");
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("ec2:RebootInstances").contains("Encoded authorization failure message");
                });
        assertThat(ec2.calls("RebootInstances")).isEqualTo(1);
    }

    @Test
    void authFailureIsRefusedNamingTheIamAction() {
        ec2.on("DescribeInstances").error(401, "AuthFailure", "AWS was not able to validate the provided access credentials");

        assertThatThrownBy(() -> fleet(Ec2StandIn.fastRetries(3)).instances())
                .isInstanceOfSatisfying(OperationRefusedException.class, e -> {
                    assertThat(e.code()).isEqualTo("AuthFailure");
                    assertThat(e.getMessage()).contains("ec2:DescribeInstances");
                });
    }

    @Test
    void notFoundCodesAreNotFound() {
        assertThatThrownBy(() -> fleet(Ec2StandIn.fastRetries(3)).terminate(List.of("i-0000000000000dead")))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("The instance ID 'i-0000000000000dead' does not exist");
    }

    @Test
    void anyOtherErrorCodeIsARefusalCarryingThatCode() {
        ec2.reset().instance(A).tag("hpc-ha:cluster", "prod").state("terminated");

        assertThatThrownBy(() -> fleet(Ec2StandIn.fastRetries(3)).start(List.of(A)))
                .isInstanceOfSatisfying(OperationRefusedException.class, e -> {
                    assertThat(e.code()).isEqualTo("IncorrectInstanceState");
                    assertThat(e.retryable()).isFalse();
                });
    }

    @Test
    void anAnswerTheSdkCannotReadIsUnexpectedOutputNotAnOutage() {
        ec2.on("DescribeInstances").answer(200, "<html><body>Please sign in to the proxy</body>");

        assertThatThrownBy(() -> fleet(Ec2StandIn.fastRetries(3)).instances())
                .isInstanceOfSatisfying(io.hpcha.UnexpectedOutputException.class,
                        e -> assertThat(e.getMessage()).contains("DescribeInstances"));
    }

    @Test
    void anErrorWithoutACodeIsUnexpectedOutputWithTheBody() {
        ec2.on("DescribeInstances").answer(400, "<html><body>Bad gateway config</body></html>");

        assertThatThrownBy(() -> fleet(Ec2StandIn.fastRetries(3)).instances())
                .isInstanceOf(io.hpcha.UnexpectedOutputException.class);
    }

    @Test
    void connectionResetsThatOutlastTheRetriesAreBackendUnavailable() {
        ec2.on("DescribeInstances").resetConnection();

        assertThatThrownBy(() -> fleet(Ec2StandIn.fastRetries(2)).instances())
                .isInstanceOf(BackendUnavailableException.class).hasMessageContaining("DescribeInstances");
        assertThat(ec2.calls("DescribeInstances")).isEqualTo(2);
    }

    @Test
    void aResponseSlowerThanTheCallTimeoutIsBackendUnavailable() {
        ec2.on("DescribeInstances").delay(Duration.ofSeconds(3));
        AwsCallSettings quick = AwsCallSettings.builder().maxAttempts(3)
                .apiCallTimeout(Duration.ofMillis(600)).apiCallAttemptTimeout(Duration.ofMillis(600)).build();

        assertThatThrownBy(() -> fleet(quick).instances())
                .isInstanceOfSatisfying(BackendUnavailableException.class, e -> {
                    assertThat(e.getCause()).isInstanceOfAny(ApiCallTimeoutException.class, ApiCallAttemptTimeoutException.class);
                    assertThat(e.getMessage()).contains("DescribeInstances");
                });
    }

    @Test
    void aSlowAttemptIsRetriedWithinTheCallTimeout() {
        ec2.on("DescribeInstances").times(1).delay(Duration.ofSeconds(3));
        AwsCallSettings settings = AwsCallSettings.builder().maxAttempts(2)
                .apiCallTimeout(Duration.ofSeconds(10)).apiCallAttemptTimeout(Duration.ofMillis(500)).build();

        assertThat(fleet(settings).instances()).hasSize(1);
        assertThat(ec2.calls("DescribeInstances")).isEqualTo(2);
    }

    @Test
    void settingsThatCannotWorkAreRefused() {
        assertThatThrownBy(() -> AwsCallSettings.builder().apiCallTimeout(Duration.ofSeconds(1))
                .apiCallAttemptTimeout(Duration.ofSeconds(2)).build()).isInstanceOf(io.hpcha.ConfigurationException.class);
        assertThatThrownBy(() -> AwsCallSettings.builder().maxAttempts(0)).isInstanceOf(io.hpcha.ConfigurationException.class);
        assertThat(AwsCallSettings.defaults().retryStrategy().maxAttempts()).isEqualTo(3);
        assertThat(Map.of("t", AwsCallSettings.defaults().apiCallTimeout())).containsEntry("t", Duration.ofSeconds(30));
    }
}
