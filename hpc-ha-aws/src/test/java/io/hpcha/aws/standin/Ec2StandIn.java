package io.hpcha.aws.standin;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.hpcha.aws.AwsCallSettings;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * A stateful stand-in for the EC2 Query API, served by an in-process WireMock on a random loopback
 * port: the real AWS SDK talks to it through {@code endpointOverride}, sending form-encoded
 * {@code Action=…&Version=2016-11-15} requests, and gets EC2's XML shapes (namespace
 * {@value Xml#NS}) and EC2's error envelope back. One WireMock response transformer dispatches every
 * request to the {@link Ec2Model}; {@link #on(String)} injects faults (errors, connection resets,
 * slow answers) in front of it.
 */
public final class Ec2StandIn implements AutoCloseable {
    /** The static fake credentials every test client signs with. */
    public static final AwsBasicCredentials CREDENTIALS = AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");

    private final WireMockServer server;
    private volatile Ec2Model model = new Ec2Model();
    private final List<FaultRule> faults = new CopyOnWriteArrayList<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private Ec2StandIn() {
        server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort()
                .disableRequestJournal().extensions(new Transformer()));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
    }

    public static Ec2StandIn start() {
        return new Ec2StandIn();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    /** A real SDK client for the stand-in: region us-east-1, static fake credentials, no retries of its own. */
    public Ec2Client client() {
        return Ec2Client.builder().region(Region.US_EAST_1).endpointOverride(endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(CREDENTIALS))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    /** The SDK's standard strategy with {@code attempts} attempts and a 10 ms back-off, so tests stay fast. */
    public static AwsCallSettings fastRetries(int attempts) {
        return AwsCallSettings.builder()
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(attempts)
                        .backoffStrategy(BackoffStrategy.fixedDelay(Duration.ofMillis(10)))
                        .throttlingBackoffStrategy(BackoffStrategy.fixedDelay(Duration.ofMillis(10)))
                        .build())
                .apiCallTimeout(Duration.ofSeconds(10))
                .apiCallAttemptTimeout(Duration.ofSeconds(5))
                .build();
    }

    public Ec2Model model() {
        return model;
    }

    /** A fresh model, no faults, no recorded requests. */
    public Ec2Model reset() {
        model = new Ec2Model();
        faults.clear();
        requests.clear();
        return model;
    }

    /** Injects a fault for {@code action}; see {@link FaultRule}. */
    public FaultRule on(String action) {
        FaultRule rule = new FaultRule(action);
        faults.add(rule);
        return rule;
    }

    /** How many requests for {@code action} arrived (retries included). */
    public int calls(String action) {
        return (int) requests.stream().filter(r -> r.action().equals(action)).count();
    }

    /** Requests of every action. */
    public int calls() {
        return requests.size();
    }

    /** The parameters of each request for {@code action}, in arrival order. */
    public List<Map<String, String>> requests(String action) {
        return requests.stream().filter(r -> r.action().equals(action)).map(Request::params).toList();
    }

    /** The actions received, in order. */
    public List<String> actions() {
        return requests.stream().map(Request::action).toList();
    }

    @Override
    public void close() {
        server.stop();
    }

    private record Request(String action, Map<String, String> params) {
    }

    private final class Transformer implements ResponseDefinitionTransformerV2 {
        @Override
        public String getName() {
            return "ec2-stand-in";
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            Map<String, String> params = Form.parse(event.getRequest().getBodyAsString());
            String action = params.getOrDefault("Action", "");
            requests.add(new Request(action, params));
            String requestId = UUID.randomUUID().toString();
            FaultRule fault = null;
            for (FaultRule f : new ArrayList<>(faults)) {
                if (f.take(action, params)) {
                    fault = f;
                    break;
                }
            }
            if (fault != null && fault.kind == FaultRule.Kind.RESET) {
                return ResponseDefinitionBuilder.responseDefinition().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
            }
            if (fault != null && fault.kind == FaultRule.Kind.RAW) {
                return xml(fault.status, fault.message, 0);
            }
            if (fault != null && fault.kind == FaultRule.Kind.ERROR) {
                return xml(fault.status, Ec2ApiError.envelope(fault.code, fault.message, requestId), 0);
            }
            int delay = fault != null && fault.kind == FaultRule.Kind.DELAY ? (int) fault.delay.toMillis() : 0;
            try {
                return xml(200, model.handle(action, params), delay);
            } catch (Ec2ApiError e) {
                return xml(e.status, Ec2ApiError.envelope(e.code, e.getMessage(), requestId), delay);
            }
        }

        private ResponseDefinition xml(int status, String body, int delayMillis) {
            ResponseDefinitionBuilder b = ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                    .withHeader("Content-Type", "text/xml;charset=UTF-8").withHeader("Server", "AmazonEC2").withBody(body);
            if (delayMillis > 0) {
                b.withFixedDelay(delayMillis);
            }
            return b.build();
        }
    }
}
