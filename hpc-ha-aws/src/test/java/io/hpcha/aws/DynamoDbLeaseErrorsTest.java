package io.hpcha.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.hpcha.BackendUnavailableException;
import io.hpcha.Leadership;
import io.hpcha.NodeId;
import io.hpcha.NotFoundException;
import io.hpcha.OperationRefusedException;
import io.hpcha.UnexpectedOutputException;
import io.hpcha.aws.standin.Ec2StandIn;
import io.hpcha.testkit.ManualClock;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * How DynamoDB's failures reach a lease's caller, through the real SDK and the mapping EC2 uses too:
 * WireMock answers the JSON protocol ({@code X-Amz-Target: DynamoDB_20120810.UpdateItem}) with
 * DynamoDB's error bodies ({@code {"__type": "…#Code", "message": "…"}}). The client retries nothing
 * itself: the lease's call settings are its only retry layer.
 */
class DynamoDbLeaseErrorsTest {
    static final String TARGET = "DynamoDB_20120810.UpdateItem";
    static final String TABLE = "hpc-ha-leases";

    static WireMockServer dynamo;
    DynamoDbClient client;
    final ManualClock clock = new ManualClock();

    @BeforeAll
    static void startWireMock() {
        dynamo = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        dynamo.start();
    }

    @AfterAll
    static void stopWireMock() {
        dynamo.stop();
    }

    @BeforeEach
    void freshClient() {
        dynamo.resetAll();
        client = DynamoDbClient.builder().region(Region.EU_WEST_1).endpointOverride(URI.create(dynamo.baseUrl()))
                .credentialsProvider(StaticCredentialsProvider.create(Ec2StandIn.CREDENTIALS))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    DynamoDbLease lease(AwsCallSettings settings) {
        return DynamoDbLease.builder().dynamoDb(client).callSettings(settings).table(TABLE).name("slurm-controller")
                .ttl(Duration.ofSeconds(15)).clock(clock).build();
    }

    static AwsCallSettings fastRetries(int attempts) {
        return AwsCallSettings.builder()
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(attempts)
                        .backoffStrategy(BackoffStrategy.fixedDelay(Duration.ofMillis(10)))
                        .throttlingBackoffStrategy(BackoffStrategy.fixedDelay(Duration.ofMillis(10)))
                        .build())
                .apiCallTimeout(Duration.ofSeconds(10)).apiCallAttemptTimeout(Duration.ofSeconds(5)).build();
    }

    static ResponseDefinitionBuilder error(int status, String type, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/x-amz-json-1.0")
                .withHeader("x-amzn-RequestId", "KQ7B2AJ5VJ0S9H8QH4MDGTRVHVVV4KQNSO5AEMVJF66Q9ASUAAJG")
                .withBody("{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}");
    }

    /** The item UpdateItem returns with ReturnValues=ALL_NEW. */
    ResponseDefinitionBuilder granted(String holder, long token) {
        long expires = clock.millis() + 15_000;
        return aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.0")
                .withBody("{\"Attributes\":{\"lease\":{\"S\":\"slurm-controller\"},\"holder\":{\"S\":\"" + holder
                        + "\"},\"expiresAt\":{\"N\":\"" + expires + "\"},\"token\":{\"N\":\"" + token + "\"}}}");
    }

    void answerEveryUpdate(ResponseDefinitionBuilder answer) {
        dynamo.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET)).willReturn(answer));
    }

    int updates() {
        return dynamo.countRequestsMatching(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo(TARGET)).build()).getCount();
    }

    @Test
    void throttlingThenSuccessIsInvisibleToTheCaller() {
        dynamo.stubFor(post(urlEqualTo("/")).inScenario("throttled").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(error(400, "com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException",
                        "The level of configured provisioned throughput for the table was exceeded."))
                .willSetStateTo("calm"));
        dynamo.stubFor(post(urlEqualTo("/")).inScenario("throttled").whenScenarioStateIs("calm")
                .willReturn(granted("ctl1", 7)));

        Leadership l = lease(fastRetries(3)).tryAcquire(NodeId.of("ctl1")).orElseThrow();

        assertThat(l.fencingToken()).isEqualTo(7);
        assertThat(updates()).as("one throttled attempt, one retry by the SDK").isEqualTo(2);
    }

    @Test
    void throttlingThatOutlastsTheRetriesIsBackendUnavailableAfterExactlyMaxAttempts() {
        answerEveryUpdate(error(400, "com.amazonaws.dynamodb.v20120810#ThrottlingException", "Rate of requests exceeds the allowed throughput."));

        assertThatThrownBy(() -> lease(fastRetries(4)).tryAcquire(NodeId.of("ctl1")))
                .isInstanceOfSatisfying(BackendUnavailableException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.getMessage()).contains("ThrottlingException").contains("UpdateItem").contains(TABLE);
                });
        assertThat(updates()).isEqualTo(4);
    }

    @Test
    void serverErrorsAreBackendUnavailable() {
        answerEveryUpdate(error(500, "com.amazonaws.dynamodb.v20120810#InternalServerError", "Internal server error"));

        assertThatThrownBy(() -> lease(fastRetries(2)).renew(new Leadership("slurm-controller", NodeId.of("ctl1"), 3,
                clock.instant().plusSeconds(5))))
                .isInstanceOf(BackendUnavailableException.class).hasMessageContaining("InternalServerError");
        assertThat(updates()).isEqualTo(2);
    }

    @Test
    void accessDeniedIsRefusedNamingTheIamActionAndNotRetried() {
        answerEveryUpdate(error(400, "com.amazon.coral.service#AccessDeniedException",
                "User: arn:aws:sts::123456789012:assumed-role/hpc-ha-controller/i-0abc is not authorized to perform: "
                        + "dynamodb:UpdateItem on resource: arn:aws:dynamodb:eu-west-1:123456789012:table/hpc-ha-leases"));

        assertThatThrownBy(() -> lease(fastRetries(3)).tryAcquire(NodeId.of("ctl1")))
                .isInstanceOfSatisfying(OperationRefusedException.class, e -> {
                    assertThat(e.code()).isEqualTo("AccessDeniedException");
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("lacks the IAM permission dynamodb:UpdateItem");
                });
        assertThat(updates()).isEqualTo(1);
    }

    @Test
    void rejectedCredentialsAreRefusedNamingTheIamAction() {
        answerEveryUpdate(error(400, "com.amazon.coral.service#UnrecognizedClientException",
                "The security token included in the request is invalid."));

        assertThatThrownBy(() -> lease(fastRetries(3)).tryAcquire(NodeId.of("ctl1")))
                .isInstanceOfSatisfying(OperationRefusedException.class, e -> {
                    assertThat(e.code()).isEqualTo("UnrecognizedClientException");
                    assertThat(e.getMessage()).contains("credentials").contains("dynamodb:UpdateItem");
                });
    }

    @Test
    void aMissingTableIsNotFound() {
        answerEveryUpdate(error(400, "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException", "Requested resource not found"));

        assertThatThrownBy(() -> lease(fastRetries(3)).tryAcquire(NodeId.of("ctl1")))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("table " + TABLE);
        assertThat(updates()).isEqualTo(1);
    }

    @Test
    void aFailedConditionIsNoErrorButNoGrant() {
        answerEveryUpdate(error(400, "com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException", "The conditional request failed"));

        assertThat(lease(fastRetries(3)).tryAcquire(NodeId.of("ctl2"))).isEmpty();
        assertThat(updates()).as("renew-own, then take-over; neither retried").isEqualTo(2);
    }

    @Test
    void connectionResetsThatOutlastTheRetriesAreBackendUnavailable() {
        answerEveryUpdate(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        assertThatThrownBy(() -> lease(fastRetries(2)).tryAcquire(NodeId.of("ctl1")))
                .isInstanceOf(BackendUnavailableException.class).hasMessageContaining("UpdateItem");
        assertThat(updates()).isEqualTo(2);
    }

    @Test
    void aResponseSlowerThanTheCallTimeoutIsBackendUnavailable() {
        answerEveryUpdate(granted("ctl1", 1).withFixedDelay(3000));
        AwsCallSettings quick = AwsCallSettings.builder().maxAttempts(3)
                .apiCallTimeout(Duration.ofMillis(600)).apiCallAttemptTimeout(Duration.ofMillis(600)).build();

        assertThatThrownBy(() -> lease(quick).tryAcquire(NodeId.of("ctl1")))
                .isInstanceOfSatisfying(BackendUnavailableException.class, e -> {
                    assertThat(e.getCause()).isInstanceOfAny(ApiCallTimeoutException.class, ApiCallAttemptTimeoutException.class);
                    assertThat(e.getMessage()).contains("UpdateItem");
                });
    }

    @Test
    void anAnswerTheSdkCannotReadIsUnexpectedOutput() {
        answerEveryUpdate(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.0")
                .withBody("<html>captive portal</html>"));

        assertThatThrownBy(() -> lease(fastRetries(1)).tryAcquire(NodeId.of("ctl1")))
                .isInstanceOf(UnexpectedOutputException.class).hasMessageContaining("UpdateItem");
    }
}
