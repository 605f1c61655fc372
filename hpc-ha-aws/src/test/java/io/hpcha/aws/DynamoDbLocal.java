package io.hpcha.aws;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * AWS's own DynamoDB emulator (Maven artifact {@code com.amazonaws:DynamoDBLocal}), in memory and
 * in-process, on a free loopback port, reached over HTTP by the real SDK client. One database for
 * every access key and region ({@code -sharedDb}), as a shared test server would run; telemetry off,
 * so nothing leaves the loopback interface.
 */
final class DynamoDbLocal implements AutoCloseable {
    static final String TABLE = "hpc-ha-leases";

    private final DynamoDBProxyServer server;
    private final int port;

    private DynamoDbLocal(DynamoDBProxyServer server, int port) {
        this.server = server;
        this.port = port;
    }

    static DynamoDbLocal start() throws Exception {
        if (System.getProperty("sqlite4java.library.path") == null) {
            throw new IllegalStateException("sqlite4java.library.path is not set; run through Maven (see hpc-ha-aws/pom.xml)");
        }
        int port = freePort();
        DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(
                new String[] {"-inMemory", "-sharedDb", "-disableTelemetry", "-port", Integer.toString(port)});
        server.start();
        DynamoDbLocal local = new DynamoDbLocal(server, port);
        try (DynamoDbClient client = local.client()) {
            DynamoDbLease.createTable(client, TABLE);
        }
        return local;
    }

    /** Where the emulator listens. */
    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** A client with explicit timeouts and the SDK's standard retries, as production code should configure it. */
    DynamoDbClient client() {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCAL", "local-secret")))
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD)
                        .apiCallTimeout(Duration.ofSeconds(10)).apiCallAttemptTimeout(Duration.ofSeconds(3)))
                .build();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
